"""Bundle entry point of the command-line program (tjce)."""

import multiprocessing

from tjce_desktop.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the demo generator's worker process
    raise SystemExit(main())
