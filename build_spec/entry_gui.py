"""Bundle entry point of the window program (tjce-desktop)."""

from tjce_desktop.gui.app import main

raise SystemExit(main())
