"""`python -m cardkit`: the command line."""

from cardkit.cli import main

raise SystemExit(main())
