"""The one exception every command raises for a problem the user can fix.

Its own module, so that commands in other modules raise the same class that ``main`` catches,
also when ``main`` runs as ``python -m tjce_desktop.cli.main`` (as ``__main__``).
"""


class CliError(Exception):
    """A failure to report on one line."""
