"""`python -m jobtui` runs the same entry point as the `jobtui` command."""

import sys

from jobtui.cli import main

if __name__ == "__main__":  # not when a parsing worker starts and imports this module
    sys.exit(main())
