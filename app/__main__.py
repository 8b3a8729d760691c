"""`python -m app` is the same program as the `silversteps` command."""

from app.cli import main

raise SystemExit(main())
