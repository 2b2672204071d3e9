"""Exceptions raised by the egenkontroll package.

Every error the C library reports becomes one of these, carrying the
library's message (which names the file, line, column, case id and field
where it knows them).
"""
from __future__ import annotations

from . import _core

__all__ = [
    "EgenkontrollError", "InvalidArgumentError", "ParseError", "OutOfRangeError",
    "NotFoundError", "ConflictError", "StateError", "LimitError", "VersionMismatchError",
    "check",
]


class EgenkontrollError(Exception):
    """Base class of every error from the library.

    Attributes: ``status`` (the C ek_status code), ``message``, and the
    location where known: ``source``, ``line``, ``column``, ``record_id``,
    ``field``.
    """

    def __init__(self, message: str, status: int = -99, source: str = "", line: int = 0,
                 column: int = 0, record_id: str = "", field: str = ""):
        super().__init__(message)
        self.message = message
        self.status = status
        self.source = source
        self.line = line
        self.column = column
        self.record_id = record_id
        self.field = field


class InvalidArgumentError(EgenkontrollError, ValueError):
    """An argument was invalid (EK_EINVAL), e.g. an impossible date."""


class ParseError(EgenkontrollError, ValueError):
    """Malformed input text: a date, a period, JSON (EK_EPARSE)."""


class OutOfRangeError(EgenkontrollError, ValueError):
    """A date or number outside the supported range (EK_ERANGE)."""


class NotFoundError(EgenkontrollError, KeyError):
    """The named rule, item, parameter or file does not exist (EK_ENOTFOUND)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class ConflictError(EgenkontrollError):
    """The data contradict each other (EK_ECONFLICT)."""


class StateError(EgenkontrollError):
    """Not allowed in the object's current state (EK_ESTATE)."""


class LimitError(EgenkontrollError):
    """A size limit was exceeded (EK_ELIMIT)."""


class VersionMismatchError(EgenkontrollError, ImportError):
    """The Python package and the C library it loaded are different versions."""


_BY_STATUS = {
    _core.EK_EINVAL: InvalidArgumentError,
    _core.EK_ENOMEM: MemoryError,
    _core.EK_EPARSE: ParseError,
    _core.EK_ERANGE: OutOfRangeError,
    _core.EK_ENOTFOUND: NotFoundError,
    _core.EK_ECONFLICT: ConflictError,
    _core.EK_EIO: OSError,
    _core.EK_ESTATE: StateError,
    _core.EK_ELIMIT: LimitError,
}


def _raise_last(status: int) -> None:
    e = _core.ek_error_last()
    msg = e.message or _core.ek_status_name(status)
    cls = _BY_STATUS.get(status, EgenkontrollError)
    if cls is MemoryError:
        raise MemoryError(msg)
    if cls is OSError:
        err = IOErrorFromLibrary(msg, status, e.source, e.line, e.column, e.record_id, e.field)
        raise err
    raise cls(msg, status, e.source, e.line, e.column, e.record_id, e.field)


class IOErrorFromLibrary(EgenkontrollError, OSError):
    """Reading or writing a file failed (EK_EIO)."""


def check(result):
    """Raise the matching exception when a _core call failed.

    ``result`` is the status int, or a tuple whose first element is the
    status (SWIG returns out-parameters after it).  Returns the remaining
    values: None, one value, or a tuple.
    """
    if isinstance(result, (list, tuple)):
        status, rest = result[0], tuple(result[1:])
    else:
        status, rest = result, ()
    if status < 0:
        _raise_last(status)
    if not rest:
        return None
    return rest[0] if len(rest) == 1 else rest
