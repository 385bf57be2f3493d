"""`python -m cardkit`: the command line."""

from cardkit.cli import main

if __name__ == "__main__":  # export workers are spawned and import the main module
    raise SystemExit(main())
