"""Build the site in this folder: `python build.py [build|serve|check|new] ...`."""

from karriere.commands.cli import main

raise SystemExit(main())
