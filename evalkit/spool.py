"""Sequences too large to hold: items kept on disk in chunks, read back one chunk at a time."""

from __future__ import annotations

import os
import pickle
import tempfile
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

T = TypeVar("T")


class Spool(Generic[T]):
    """An append-only sequence whose items are pickled to an unnamed temporary file, a chunk per
    ``extend``; iterating reads one chunk at a time, so memory holds one chunk however many there are.

    It is what a report keeps of a large input's segments and findings: iterated (by every
    reporter, the gate, the baseline) as often as needed, in the order the items were added. Each
    iteration reads the file by offset, so several may run at once. Indexing reads up to the item.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="evalkit-")  # gone when closed, or when the process ends
        self._chunks: list[tuple[int, int, int]] = []  # (file offset, bytes, items)
        self._end = 0
        self._len = 0

    def extend(self, items: Iterable[T]) -> None:
        items = list(items)
        if not items:
            return
        data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), data, self._end)
        self._chunks.append((self._end, len(data), len(items)))
        self._end += len(data)
        self._len += len(items)

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def __iter__(self) -> Iterator[T]:
        for offset, size, _ in self._chunks:
            yield from pickle.loads(os.pread(self._file.fileno(), size, offset))

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._len
        for offset, size, n in self._chunks:
            if 0 <= index < n:
                return pickle.loads(os.pread(self._file.fileno(), size, offset))[index]
            index -= n
        raise IndexError("spool index out of range")

    def __getstate__(self) -> dict[str, Any]:  # sent to another process: the items themselves
        return {"items": list(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()
        self.extend(state["items"])

    def __del__(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()


class Reread(Generic[T]):
    """A sequence made anew by ``make()`` at each iteration (a file read again), of a known length:
    what a reader gives for an input it streams rather than holds."""

    def __init__(self, make: Callable[[], Iterator[T]], length: int) -> None:
        self._make = make
        self._len = length

    def __iter__(self) -> Iterator[T]:
        return self._make()

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._len
        for i, item in enumerate(self):
            if i == index:
                return item
        raise IndexError("index out of range")
