from tjce_desktop.gui.app import main

raise SystemExit(main())
