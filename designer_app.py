"""cardkit designer: the file Streamlit runs (`make run`). The page lives in the designer
package; the engine it calls lives in cardkit."""

from designer.app import main

# Streamlit runs this page as __main__; worker processes that draw large exports are
# spawned and import it as __mp_main__, and must not build the page.
if __name__ == "__main__":
    main()
