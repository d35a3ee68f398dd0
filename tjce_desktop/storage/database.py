"""Opening the local SQLite cache safely.

A path that is a folder, a file that is not ours, a database written by a newer program,
a corrupt file or a read-only location each get a clear Chinese message, and nothing on
disk is changed before the file has been checked read-only.

Opening needs only the standard ``sqlite3`` module: the SQLAlchemy engine and the session
factory (``storage/engine.py``, with the models about 0.3 s to import) are made when first
used, so the window can paint its first screen meanwhile (``storage/plain_sqlite.py``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from tjce_desktop.domain.errors import UserError
from tjce_desktop.storage.schema_version import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

    from tjce_desktop.storage.engine import TjceSession

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_FILE_NAME = "tjce.sqlite3"


class DatabaseError(UserError):
    """The database cannot be opened or used; ``str()`` is the Chinese message."""


# SQLite checkpoints every 1,000 pages (4 MB), so day-to-day work keeps the WAL under a few MB;
# a larger one was written by one big transaction (the demo, an import, a first sync).
WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024
FOLD_WAL_ABOVE_BYTES = 16 * 1024 * 1024  # a commit that leaves a larger WAL folds it (UnitOfWork)
_FOLD_BUSY_TIMEOUT_MS = 200  # a checkpoint never keeps the user waiting for readers

BUSY_MESSAGE = "数据库正被其他程序使用，请稍后再试。"
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another program's write lock (SQLite retries meanwhile)
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


class DatabaseBusy(DatabaseError):
    """Another program held the write lock longer than ``busy_timeout``: nothing was written."""

    def __init__(self, message: str = BUSY_MESSAGE) -> None:
        super().__init__(message)


def busy_timeout_ms() -> int:
    """``BUSY_TIMEOUT_MS``, or ``TJCE_BUSY_TIMEOUT_MS`` (tests wait less)."""
    try:
        return max(0, int(os.environ.get("TJCE_BUSY_TIMEOUT_MS", "")))
    except ValueError:
        return BUSY_TIMEOUT_MS


def is_busy(exc: BaseException | None) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY/SQLITE_LOCKED), raw or wrapped by SQLAlchemy."""
    seen = 0
    while exc is not None and seen < 10:
        original = getattr(exc, "orig", None)
        if isinstance(original, BaseException):
            exc = original
        if isinstance(exc, sqlite3.OperationalError):
            code = getattr(exc, "sqlite_errorcode", None)
            if code is not None and (code & 0xFF) in (_SQLITE_BUSY, _SQLITE_LOCKED):
                return True
            text = str(exc)
            return "database is locked" in text or "database table is locked" in text or "database is busy" in text
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def default_database_path() -> Path:
    import platformdirs

    folder = platformdirs.user_data_path("TJCE Desktop", appauthor=False)
    return folder / DEFAULT_FILE_NAME


class Database:
    """The local database at ``path``: its engine and session factory are made on first use
    (from any thread, once)."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = path
        self._engine = engine
        self._session_factory: sessionmaker[TjceSession] | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    from tjce_desktop.storage.engine import local_engine

                    self._engine = local_engine(self.path)
                engine = self._engine
        return engine

    @property
    def engine_ready(self) -> bool:
        """The engine exists already (using it costs no import)."""
        return self._engine is not None

    @property
    def session_factory(self) -> sessionmaker[TjceSession]:
        factory = self._session_factory
        if factory is None:
            from tjce_desktop.storage.engine import session_factory

            engine = self.engine
            with self._lock:
                if self._session_factory is None:
                    self._session_factory = session_factory(engine)
                factory = self._session_factory
        return factory

    def connect(self) -> Connection:
        """A connection of the engine (``with database.connect() as connection``)."""
        return self.engine.connect()

    @property
    def url_text(self) -> str:
        return str(self.path)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def fold_wal(self, *, above_bytes: int = 0) -> bool:
        """Write the WAL's pages into the database file and cut the ``-wal`` file to nothing
        (``PRAGMA wal_checkpoint(TRUNCATE)``), when it is larger than ``above_bytes``.

        After the demo or a large import the WAL is as large as what was written (124 MB next
        to a 117 MB database after a 20,000-trainee demo). The checkpoint waits at most
        ``_FOLD_BUSY_TIMEOUT_MS`` for readers; when another connection is still reading, it
        leaves the file for the next time (``journal_size_limit`` caps it meanwhile).
        True when it folded the WAL."""
        try:
            if os.stat(f"{self.path}-wal").st_size <= above_bytes:
                return False
        except OSError:
            return False
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(f"PRAGMA busy_timeout={_FOLD_BUSY_TIMEOUT_MS}")
            try:
                busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.OperationalError:
                busy = 1
            finally:
                cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
                cursor.close()
            return not busy
        finally:
            raw.close()


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    """Every connection to the local database, the engine's and the first screen's alike."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: the page fetches of large scopes
    # The WAL file is reused, not shrunk, after a checkpoint; this cuts it back to 16 MiB when
    # it is next reset (a demo or a large import writes a WAL as large as what it wrote).
    cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT_BYTES}")
    cursor.close()


def lock_for_writing(session: Session) -> None:
    """Take the database's write lock now, before reading what a write depends on.

    SQLite's default (deferred) transactions read first and lock at the first write, so two
    processes can both read a counter, both add one and both write 1. ``BEGIN IMMEDIATE``
    waits (``busy_timeout``) for the write lock instead, and every read after it sees the
    latest committed state until this session commits or rolls back. A session already
    writing holds the lock; elsewhere (PostgreSQL) the caller locks its rows (FOR UPDATE).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def read_only_uri(path: Path | str) -> str:
    """The SQLite URI that opens ``path`` read-only. The path is percent-encoded, so folders
    named ``C#项目``, ``100%`` or ``a?b`` open the file they name (``file:{path}?mode=ro``
    read ``#…`` as a fragment and ``%25`` as an escape)."""
    return f"{Path(path).absolute().as_uri()}?mode=ro"


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件。请指定一个文件，例如 {path / DEFAULT_FILE_NAME}。")
    if path.exists():
        if not path.is_file():
            raise DatabaseError(f"“{path}”不是普通文件，不能作为数据库。")
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise DatabaseError(f"“{path}”不是 TJCE 数据库文件（不是 SQLite 格式）。程序没有改动它。")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法在“{path.parent}”创建数据库：{exc.strerror or exc}。请换一个可写的位置。") from exc


def _inspect_read_only(path: Path) -> str | None:
    """The schema revision of an existing file, read without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True, timeout=busy_timeout_ms() / 1000)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法打开“{path}”：{exc}。程序没有改动它。") from exc
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise DatabaseError(f"“{path}”是其他程序的 SQLite 数据库，不是 TJCE 数据库。程序没有改动它。")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise DatabaseBusy() from exc
        raise DatabaseError(
            f"数据库文件“{path}”已损坏或无法读取（{exc}）。程序没有改动它；请从备份恢复。"
        ) from exc
    finally:
        connection.close()
    revision = row[0] if row else None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseError(
            f"数据库“{path}”由更新版本的 TJCE Desktop 创建（架构版本 {revision}）。"
            "请升级本程序后再打开；程序没有改动它。"
        )
    return revision


def open_database(path: Path | str | None = None, *, create: bool = True) -> Database:
    """Open (and, when asked, create or upgrade) the local database at ``path``."""
    path = Path(path).expanduser() if path else default_database_path()
    path = path.absolute()
    _check_path(path)
    if not create and not path.exists():
        raise DatabaseError(f"数据库“{path}”不存在。请先运行 tjce init 或 tjce demo。")
    revision = _inspect_read_only(path)
    if revision == HEAD_REVISION:
        return Database(path)  # nothing to do: the engine is made when first used
    from tjce_desktop.storage import migrate  # Alembic only when there is work for it
    from tjce_desktop.storage.engine import local_engine

    engine = local_engine(path)
    try:
        with engine.begin() as connection:
            migrate.upgrade_to_head(connection)
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, DatabaseError):  # DatabaseBusy: another program is writing
            raise
        text = str(getattr(exc, "orig", exc))
        if "readonly" in text or "unable to open" in text or isinstance(exc, PermissionError):
            raise DatabaseError(f"无法写入“{path}”：该位置是只读的或没有写权限。请换一个可写的位置。") from exc
        raise DatabaseError(f"无法准备数据库“{path}”：{text}") from exc
    return Database(path, engine)
