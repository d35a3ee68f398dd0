"""Every file the program writes with data of trainees goes through here, so each is audited
the same way from the window and the command line: the action, the file's name as target,
what was written and how many rows, and the filters.

The file is written first (reading only, so no write lock is held for minutes), then the
audit entry is committed in one short local transaction; if that fails the file is removed,
so no export exists without its entry.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tjce_desktop.services import audit
from tjce_desktop.services.actor import Actor
from tjce_desktop.storage.database import Database
from tjce_desktop.storage.unit_of_work import UnitOfWork


def record(database: Database, actor: Actor, action: str, path: Path | str, detail: dict) -> None:
    """The audit entry of a written file (its own short transaction)."""
    with UnitOfWork(database, actor) as uow:
        audit.record(uow.session, actor.username, action, Path(path).name, detail)
        uow.commit()


def audited_write(database: Database, actor: Actor, action: str, path: Path | str, write: Callable[[], int],
                  detail: dict, *, count_key: str | None = "rows") -> int:
    """``write()`` the file and return its count; audited with ``detail`` plus the count."""
    count = write()
    try:
        record(database, actor, action, path, {**detail, count_key: count} if count_key else detail)
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return count


def save_copy(database: Database, actor: Actor, action: str, source: Path | str, target: Path | str,
              detail: dict) -> None:
    """A copy of a generated file (a previewed PDF) saved where the user chose; audited."""
    from tjce_desktop.exchange.output_files import output_file

    def write() -> int:
        with output_file(target) as temporary:  # a read-only folder or a full disk: one Chinese line
            shutil.copyfile(source, temporary)
        return 1

    audited_write(database, actor, action, target, write, detail, count_key=None)
