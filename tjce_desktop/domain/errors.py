"""The one error contract of the program.

``UserError`` is every failure a user or the environment can cause: a wrong value, a file
that cannot be used, a record someone else deleted, a database another program is writing.
Its ``str()`` is the Chinese message, shown as it is by the window and the command line
alike. Every other exception is an internal error: the user sees a short message with an
incident number, and the traceback goes to the log file (``services/incidents.py``).

Classes that callers already catch by a built-in base (``ValueError``, ``PermissionError``,
``OSError`` …) keep it, beside ``UserError``.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure the user can understand and act on; ``str()`` is the Chinese message."""

