"""cardkit designer: the file Streamlit runs (`make run`). The page lives in the designer
package, its front door (sign-in, budgets, security headers) in designer.gate; the engine
they call lives in cardkit."""

# `streamlit run designer_app.py` finds `app` below and serves it (importing this file as
# the module `designer_app`); the page itself runs as __main__ in every session. Worker
# processes that draw large exports import it as __mp_main__ and must do neither.
if __name__ == "__main__":
    from designer.app import main

    main()
elif __name__ == "designer_app":
    import streamlit as st
    from starlette.middleware import Middleware

    from designer.gate.middleware import Gate

    app = st.App("designer_app.py", middleware=[Middleware(Gate)])
