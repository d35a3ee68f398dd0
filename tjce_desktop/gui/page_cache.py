"""The value pages a lazy table has read, least recently used first out.

Table models hold only keys; the displayed values come a page at a time, and a few dozen
pages stay cached so that scrolling back and forth does not read them again.

A page fetch is the one kind of SQL the GUI thread may run (DESIGN.md, GUI rules): a
bounded read of one page of keys or values, a few milliseconds. Models run theirs inside
``page_fetch()``, so a check of the GUI thread can tell them from everything else.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

_in_page_fetch: ContextVar[bool] = ContextVar("tjce_page_fetch", default=False)


@contextmanager
def page_fetch() -> Iterator[None]:
    """Marks the SQL inside as a table model's page fetch."""
    token = _in_page_fetch.set(True)
    try:
        yield
    finally:
        _in_page_fetch.reset(token)


def in_page_fetch() -> bool:
    return _in_page_fetch.get()


class PageCache:
    def __init__(self, page_size: int, capacity: int) -> None:
        self.page_size, self.capacity = page_size, capacity
        self._pages: OrderedDict[int, dict] = OrderedDict()

    def value(self, keys: Sequence, row: int, load: Callable[[list], dict]):
        """The value of ``keys[row]``; ``load(page_keys)`` returns {key: value} for a page."""
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            with page_fetch():
                page = load(list(keys[number * self.page_size:(number + 1) * self.page_size]))
            self._pages[number] = page
            while len(self._pages) > self.capacity:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(keys[row])

    def put(self, number: int, page: dict) -> None:
        """Page ``number``, read elsewhere (with the keys, in the background)."""
        self._pages[number] = page
        while len(self._pages) > self.capacity:
            self._pages.popitem(last=False)

    def clear(self) -> None:
        self._pages.clear()
