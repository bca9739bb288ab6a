"""Entry point of the packaged app: the `stemline` command (no arguments opens the editor)."""
import multiprocessing
import sys

from stemline.cli import main

if __name__ == "__main__":
    # The editor runs Foley analysis in a spawned child (stemline.jobs.child): in the frozen
    # app that child is this executable, which must start the job instead of the app.
    multiprocessing.freeze_support()
    sys.exit(main())
