"""``python -m zh_gov_essays`` runs the CLI."""

from zh_gov_essays.cli import main

raise SystemExit(main())
