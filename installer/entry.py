"""The script PyInstaller freezes: both programs (branchbook.exe and branchbook-cli.exe) start here."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
