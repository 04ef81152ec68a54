"""``python -m tests.torture [--quick]``: run the campaign, print the table, exit 1 when a row fails."""
from .campaign import main

raise SystemExit(main())
