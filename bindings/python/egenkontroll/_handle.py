"""Base class for Python objects that own a C handle."""
from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar

_H = TypeVar("_H", bound="Handle")


class Handle:
    """Owns one C object and frees it exactly once.

    - ``close()`` frees it now (idempotent); the object is then unusable and
      any method raises ``ValueError``.
    - Usable as a context manager (``with ... as x:``).
    - ``_parent`` keeps the object this one borrows from alive, so Python's
      garbage collector can never free a parent before its child.  When the
      parent is closed explicitly, the child refuses to be used (``ValueError``)
      instead of touching freed memory.
    """

    __slots__ = ("_ptr", "_free", "_parent", "__weakref__")

    def __init__(self, ptr: Any, free: Optional[Callable[[Any], None]], parent: Any = None):
        self._ptr = ptr
        self._free = free
        self._parent = parent

    @property
    def _handle(self) -> Any:
        if self._ptr is None:
            raise ValueError(f"{type(self).__name__} is closed")
        parent = self._parent
        if isinstance(parent, Handle) and parent.closed:
            raise ValueError(f"{type(self).__name__} belongs to a {type(parent).__name__} that is closed")
        return self._ptr

    @property
    def closed(self) -> bool:
        """True once close() was called (on this object or on the object it borrows from)."""
        if self._ptr is None:
            return True
        parent = self._parent
        return isinstance(parent, Handle) and parent.closed

    def close(self) -> None:
        """Free the C object now. Safe to call more than once."""
        ptr, self._ptr = self._ptr, None
        if ptr is not None and self._free is not None:
            self._free(ptr)
        self._parent = None

    def __enter__(self: _H) -> _H:
        self._handle  # raises if closed
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # never raise from a finalizer
            pass
