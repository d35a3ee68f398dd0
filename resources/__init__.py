"""Data files of the program (icons, …), shipped as the package ``tjce_desktop.resources``."""
