"""``python -m desktop`` opens the Locum window."""
import sys

from desktop.app import main

sys.exit(main())
