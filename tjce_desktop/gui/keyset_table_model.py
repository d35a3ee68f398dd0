"""A table over SQL by keyset: keys in memory, more keys a page at a time, values per page.

- The model holds SQLite rowids only (8 bytes a row in an ``array``); displayed values are
  read by rowid for the pages on screen and kept in a small LRU cache (``PageCache``), so
  scrolling through a million rows stays within a few tens of MB.
- A (re)load runs in the task runner: the count and the first key page (or, for an order no
  index serves, every key at once — one sort, not one per page). The keys that follow come
  with ``fetchMore`` on the GUI thread, by keyset after the last key: a page fetch of a few
  milliseconds (marked ``page_fetch``), never an OFFSET that sorts the subtree again.
- Results of a superseded (re)load are dropped (a generation counter).
- A subclass that says how (``_first_values``) gets the first page of values with the keys,
  so a (re)load paints without a query on the GUI thread.
- ``load_next_with`` gives the next (re)load another connection: the window's first screen
  is read through ``storage/plain_sqlite.py`` while SQLAlchemy loads (``gui/main_window.py``).

Subclasses say how: ``_first_keys`` (the background part of a load, made on the GUI
thread with the scope, order and filter of the moment), ``_key_page`` and ``_value_page``.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Signal

from tjce_desktop.domain.task_state import TaskState
from tjce_desktop.gui.page_cache import PageCache, page_fetch
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services.actor import Actor, Scope

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from tjce_desktop.storage.database import Database

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class FirstKeys:
    """What a (re)load found: the total, the first keys, where the next page starts."""

    total: int
    rowids: list[int]
    last_key: tuple | None
    complete: bool


@dataclass(frozen=True, slots=True)
class _Loaded:
    generation: int
    keys: FirstKeys
    first_values: dict | None  # {rowid: row} of the first value page, when the subclass reads it with the keys
    values_version: int  # refresh_rows() since: the values read with the keys are out of date


class KeysetTableModel(QAbstractTableModel):
    sig_loaded = Signal(int)  # the total, after each (re)load
    sig_loading = Signal()

    KEY_PAGE = 1000  # keys per fetchMore
    ROW_PAGE = 100  # rows per value fetch
    CACHED_ROW_PAGES = 60  # value pages kept: several screens either way
    LOAD_ERROR = "读取失败"

    def __init__(self, engine: Engine | Database, runner: TaskRunner, actor: Actor, parent=None) -> None:
        """``engine``: where pages are read — an Engine, or the Database (its engine made when first needed)."""
        super().__init__(parent)
        self._engine, self._runner, self._actor = engine, runner, actor
        self._next_load_connect: Callable[[], AbstractContextManager[Any]] | None = None
        self._values_version = 0
        self._scope_path: Scope | None = None
        self._rowids = array("q")
        self._last_key: tuple | None = None
        self._complete = True
        self._fetching = False
        self._total: int | None = None
        self._pages = PageCache(self.ROW_PAGE, self.CACHED_ROW_PAGES)
        self._generation = 0

    # --- what a subclass says ------------------------------------------------------------------

    def _first_keys(self) -> Callable[[Connection, TaskState], FirstKeys]:
        """The background part of a (re)load — the count and the first keys — bound to the
        current scope, order and filter (it must not read the model: it runs in another thread)."""
        raise NotImplementedError

    def _key_page(self, connection: Connection, after: tuple | None, limit: int):
        """The next ``limit`` keys after ``after``: an object with ``rowids`` and ``last_key``."""
        raise NotImplementedError

    def _value_page(self, connection: Connection, rowids: list[int]) -> dict:
        """{rowid: row} for a page of keys (rows gone since are simply missing)."""
        raise NotImplementedError

    def _first_values(self) -> Callable[[Connection, list[int]], dict] | None:
        """``_value_page`` bound to the current scope (it runs in the background with the first keys);
        None: the first page of values is read when painted."""
        return None

    def _load_label(self) -> str | None:
        """The progress dialog's text for a (re)load that may take long; None: no dialog."""
        return None

    def _loaded(self) -> None:
        """After the keys of a (re)load were put in place (in the model reset)."""

    # --- loading -------------------------------------------------------------------------------

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def scope_path(self) -> Scope | None:
        return self._scope_path

    def load_next_with(self, connect: Callable[[], AbstractContextManager[Any]]) -> None:
        """The next (re)load reads through ``connect()`` (a ``PlainConnection``), not the engine."""
        self._next_load_connect = connect

    def reload(self) -> None:
        if self._scope_path is None:
            return
        self._generation += 1
        generation = self._generation
        connect = self._next_load_connect or self._engine.connect
        self._next_load_connect = None
        first_keys, first_values, first_page = self._first_keys(), self._first_values(), self.ROW_PAGE
        values_version = self._values_version
        self._total = None
        self.sig_loading.emit()

        def job(state: TaskState) -> _Loaded:
            with connect() as connection:
                keys = first_keys(connection, state)
                values = first_values(connection, keys.rowids[:first_page]) if first_values else None
                return _Loaded(generation, keys, values, values_version)

        self._runner.run(job, on_success=self._apply, label=self._load_label(), error_title=self.LOAD_ERROR)

    def _apply(self, loaded: _Loaded) -> None:
        if loaded.generation != self._generation:
            return
        keys = loaded.keys
        self.beginResetModel()
        self._rowids = array("q", keys.rowids)
        self._last_key = keys.last_key
        self._complete = keys.complete
        self._total = keys.total
        self._pages.clear()
        if loaded.first_values is not None and loaded.values_version == self._values_version:
            self._pages.put(0, loaded.first_values)
        self._loaded()
        self.endResetModel()
        self.sig_loaded.emit(keys.total)

    def refresh_rows(self) -> None:
        """The values changed (a stamp, an edit elsewhere): read the rows again as they are
        shown; the keys stay (and whatever a subclass keeps by key, such as ticks)."""
        self._values_version += 1
        self._pages.clear()
        if self._rowids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rowids) - 1, self.columnCount() - 1))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._complete and not self._fetching and self._scope_path is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        # Views (and qtmodeltester) may call back in from the row-insert signals.
        self._fetching = True
        try:
            with page_fetch(), self._engine.connect() as connection:
                page = self._key_page(connection, self._last_key, self.KEY_PAGE)
            if len(page.rowids) < self.KEY_PAGE:
                self._complete = True
            if not page.rowids:
                return
            first = len(self._rowids)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rowids) - 1)
            self._rowids.extend(page.rowids)
            self._last_key = page.last_key
            self.endInsertRows()
        finally:
            self._fetching = False

    def _row(self, row: int):
        """The values of ``row`` (None when the row is gone since the keys were read)."""
        def load(keys: list[int]) -> dict:
            with self._engine.connect() as connection:
                return self._value_page(connection, keys)

        return self._pages.value(self._rowids, row, load)

    def rowid_at(self, row: int) -> int:
        return self._rowids[row]

    def find_row(self, rowid: int, *, fetch_pages: int = 50) -> int | None:
        """The row of ``rowid``, fetching up to ``fetch_pages`` more pages of keys (page fetches)
        to reach it; None when it is not in the result (or further than that)."""
        for _ in range(fetch_pages + 1):
            try:
                return self._rowids.index(rowid)
            except ValueError:
                if not self.canFetchMore():
                    return None
                self.fetchMore()
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rowids)
