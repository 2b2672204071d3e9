"""Base class for Python objects that own a C handle."""
from __future__ import annotations

import threading
from typing import Any, Callable, List, Optional, Tuple, TypeVar

_H = TypeVar("_H", bound="Handle")

# One condition for every handle: taken only for a few instructions around a
# C call (to count it in and out) and by close() while it waits for running
# calls to end.  Reentrant, so a finalizer (``__del__``) that runs while this
# thread holds it cannot deadlock.
_busy_cond = threading.Condition(threading.RLock())


class Handle:
    """Owns one C object and frees it exactly once.

    - ``close()`` frees it now (idempotent); the object is then unusable and
      any method raises ``ValueError``.
    - Usable as a context manager (``with ... as x:``).
    - ``_parent`` keeps the object this one borrows from alive, so Python's
      garbage collector can never free a parent before its child.  When the
      parent is closed explicitly, the child refuses to be used (``ValueError``)
      instead of touching freed memory.
    - Thread safety: a C call that releases the GIL (evaluate, evaluate_many,
      check, a lex Sarah evaluation, building or writing a report, the
      calendar batch calls) holds the objects it uses through :func:`in_use`.
      ``close()`` from another thread meanwhile **waits** until those calls
      have returned, then frees the object; calls started after ``close()``
      raise ``ValueError``.  Every other C call keeps the GIL, so ``close()``
      cannot run during it.
    """

    __slots__ = ("_ptr", "_free", "_parent", "_busy", "__weakref__")

    def __init__(self, ptr: Any, free: Optional[Callable[[Any], None]], parent: Any = None):
        self._ptr = ptr
        self._free = free
        self._parent = parent
        self._busy = 0

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
        """Free the C object now. Safe to call more than once.

        When another thread is inside a C call using this object (or an
        object borrowing from it), this waits until that call has returned.
        """
        with _busy_cond:
            ptr, self._ptr = self._ptr, None  # calls starting from now on raise ValueError
            while getattr(self, "_busy", 0) > 0:
                _busy_cond.wait()
            parent, self._parent = self._parent, None
        if ptr is not None and self._free is not None:
            self._free(ptr)
        del parent

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


class in_use:
    """``with in_use(a, b, …) as (ha, hb, …):`` the C handles of ``a, b, …``,
    kept alive until the block ends.

    Each argument is a :class:`Handle` (its handle, and that of every object it
    borrows from, cannot be freed by ``close()`` in another thread until the
    block ends; ``ValueError`` when one is already closed) or anything else
    (passed through unchanged, e.g. None or a handle that is never freed).
    Hold it only around the C call itself, never across a ``yield``.
    """

    __slots__ = ("_objs", "_held")

    def __init__(self, *objs: Any):
        self._objs = objs
        self._held: List[Handle] = []

    def __enter__(self) -> Tuple[Any, ...]:
        out = []
        with _busy_cond:
            try:
                for o in self._objs:
                    if not isinstance(o, Handle):
                        out.append(o)
                        continue
                    out.append(o._handle)  # raises ValueError when o or a parent is closed
                    h: Any = o
                    while isinstance(h, Handle):
                        h._busy += 1
                        self._held.append(h)
                        h = h._parent
            except BaseException:
                self._release()
                raise
        return tuple(out)

    def _release(self) -> None:
        with _busy_cond:
            for h in self._held:
                h._busy -= 1
            self._held = []
            _busy_cond.notify_all()

    def __exit__(self, *exc: Any) -> None:
        self._release()
