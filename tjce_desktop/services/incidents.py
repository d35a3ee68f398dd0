"""What the user is told about a failure, the same in the window and on the command line.

A ``UserError`` (``domain/errors.py``) is shown as it is: its ``str()`` is the Chinese
message. SQLite's "database is locked", wherever it was not already mapped, reads as
``BUSY_MESSAGE``. Anything else is an internal error: the user gets a short Chinese message
with an incident number, and the traceback goes — only — to the log file
``<user data folder>/logs/tjce.log`` (``TJCE_LOG_DIR`` overrides the folder), rotated at
1 MB with five old files kept, readable by the user alone on POSIX. Nothing of the
exception (SQL, parameters, names, ID numbers) reaches the screen or stderr. In the log,
runs of 11 or more digits (ID numbers, phone numbers) are masked, and the engines are made
with ``hide_parameters`` so that statements' values never get into an exception's text.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import os
import re
import secrets
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from tjce_desktop.domain.errors import UserError
from tjce_desktop.storage.database import BUSY_MESSAGE, is_busy

ENV_VAR = "TJCE_LOG_DIR"
LOG_NAME = "tjce.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
_ATTRIBUTE = "_tjce_incident"  # an exception already recorded (in a background job) keeps its number
_write_lock = threading.Lock()
_LONG_NUMBER = re.compile(r"(?<![0-9])([0-9]{3})([0-9]{4,})([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
_PARAMETERS = re.compile(r"\[parameters: [^\n]*")


@dataclass(frozen=True, slots=True)
class Explained:
    text: str  # the Chinese message to show
    incident: str | None = None  # set for an internal error

    @property
    def internal(self) -> bool:
        return self.incident is not None


def log_folder() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser().absolute()
    import platformdirs

    return platformdirs.user_data_path("TJCE Desktop", appauthor=False) / "logs"


def log_path() -> Path:
    return log_folder() / LOG_NAME


def new_incident_number(now: dt.datetime | None = None) -> str:
    """``20261129-143005-K7QD``: when, to find it in the log, and four random characters."""
    now = now or dt.datetime.now()
    return f"{now:%Y%m%d-%H%M%S}-{''.join(secrets.choice(_ALPHABET) for _ in range(4))}"


def mask_personal(text: str) -> str:
    """ID numbers and phone numbers (runs of 11+ digits) masked but for their ends, and any
    statement parameters dropped."""
    text = _PARAMETERS.sub("[parameters: (not logged)]", text)
    return _LONG_NUMBER.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


def _write(incident: str, where: str, exc: BaseException) -> Path | None:
    """Append the incident to the log; None when the log cannot be written."""
    from tjce_desktop import __version__

    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    record = (f"incident {incident} in {where} (TJCE Desktop {__version__}, Python "
              f"{sys.version.split()[0]}, {sys.platform}, pid {os.getpid()})\n{mask_personal(details)}")
    path = log_path()
    with _write_lock:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                           encoding="utf-8", delay=True)
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        failed: list[bool] = []
        handler.handleError = lambda record: failed.append(True)  # type: ignore[method-assign]
        try:
            handler.emit(logging.LogRecord("tjce_desktop.incident", logging.ERROR, __file__, 0, record, None, None))
        finally:
            handler.close()
        if failed:
            return None
        if os.name == "posix":
            try:
                os.chmod(path, 0o600)  # tracebacks are the user's business only
            except OSError:
                pass
    return path


def record_incident(exc: BaseException, where: str) -> tuple[str, Path | None]:
    """Log ``exc`` under a new incident number (once: a second call returns the first number)."""
    known = getattr(exc, _ATTRIBUTE, None)
    if known is not None:
        return known
    incident = new_incident_number()
    recorded = (incident, _write(incident, where, exc))
    try:
        setattr(exc, _ATTRIBUTE, recorded)
    except (AttributeError, TypeError):  # pragma: no cover — exceptions without a __dict__
        pass
    return recorded


def internal_message(incident: str, path: Path | None) -> str:
    if path is None:
        return (f"程序内部错误（事件编号 {incident}）。详细信息未能写入日志文件（{log_folder()} 不可写），"
                "请把事件编号告诉技术支持。")
    return f"程序内部错误（事件编号 {incident}）。详细信息已记录在 {path}，请把事件编号告诉技术支持。"


def is_user_error(exc: BaseException) -> bool:
    return isinstance(exc, UserError) or is_busy(exc)


def explain(exc: BaseException, where: str) -> Explained:
    """The message for ``exc``: a user error's own text, or an internal error's incident."""
    if isinstance(exc, UserError):
        return Explained(str(exc))
    if is_busy(exc):
        return Explained(BUSY_MESSAGE)
    incident, path = record_incident(exc, where)
    return Explained(internal_message(incident, path), incident)
