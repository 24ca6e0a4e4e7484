"""`python -m jobtui` runs the same entry point as the `jobtui` command."""

import sys

from jobtui.cli import main

sys.exit(main())
