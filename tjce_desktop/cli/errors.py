"""The one exception every command raises for a problem the user can fix.

Its own module, so that commands in other modules raise the same class that ``main`` catches,
also when ``main`` runs as ``python -m tjce_desktop.cli.main`` (as ``__main__``).
"""

from tjce_desktop.domain.errors import UserError


class CliError(UserError):
    """A failure to report on one line."""
