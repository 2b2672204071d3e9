"""Exceptions raised by the egenkontroll package.

Every error the C library reports becomes one of these.  The place lives in
attributes (``source``, ``line``, ``column``, ``record_id``, ``field``);
``message`` is the description only; ``str(error)`` is the library's display
string (ek_error_format()), which names each known part of the place once:
``cases.jsonl:3:96: <message> (case BU-1, field events[0].date)``.
"""
from __future__ import annotations

from typing import Any

from . import _core

__all__ = [
    "EgenkontrollError", "InvalidArgumentError", "ParseError", "OutOfRangeError",
    "NotFoundError", "ConflictError", "StateError", "LimitError", "VersionMismatchError",
    "LibraryIOError", "InternalError", "check", "status_name", "clear_last_error", "format_error",
]


class EgenkontrollError(Exception):
    """Base class of every error from the library.

    Attributes: ``status`` (the C ek_status code), ``message`` (the
    description, without the place), and the location where known:
    ``source``, ``line``, ``column``, ``record_id``, ``field`` (``""`` / 0
    when unknown), and ``language``, the language the message was written in
    (``"sv"``, ``"en"``: the context's of the call that failed; ``""`` the
    process's).  ``str()`` gives the display string (:func:`format_error`), its
    connecting words ("case"/"ärende") in that language.
    """

    message: str
    status: int
    source: str
    line: int
    column: int
    record_id: str
    field: str
    language: str

    def __init__(self, message: str, status: int = -99, source: str = "", line: int = 0,
                 column: int = 0, record_id: str = "", field: str = "", language: str = ""):
        super().__init__(message)
        self.message = message
        self.status = status
        self.source = source
        self.line = line
        self.column = column
        self.record_id = record_id
        self.field = field
        self.language = language
        self._display = ""  # set when raised from the library's last error (its language)

    @property
    def status_name(self) -> str:
        """The C name of :attr:`status`, e.g. ``"EK_EPARSE"``."""
        return _core.ek_status_name(self.status)

    @property
    def location(self) -> str:
        """``source:line:column`` as far as known (``""`` when the error concerns no input text)."""
        parts = [self.source] if self.source else []
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return self._display or format_error(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status_name})"


class InvalidArgumentError(EgenkontrollError, ValueError):
    """An argument was invalid (EK_EINVAL), e.g. an impossible date."""


class ParseError(EgenkontrollError, ValueError):
    """Malformed input text: a date, a period, JSON (EK_EPARSE)."""


class OutOfRangeError(EgenkontrollError, ValueError):
    """A date or number outside the supported range (EK_ERANGE)."""


class NotFoundError(EgenkontrollError, KeyError):
    """The named rule, item, parameter or file does not exist (EK_ENOTFOUND)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return self._display or format_error(self)


class ConflictError(EgenkontrollError):
    """The data contradict each other (EK_ECONFLICT)."""


class StateError(EgenkontrollError):
    """Not allowed in the object's current state (EK_ESTATE)."""


class LimitError(EgenkontrollError):
    """A size limit was exceeded (EK_ELIMIT)."""


class VersionMismatchError(EgenkontrollError, ImportError):
    """The Python package and the C library it loaded are different versions
    (also EK_EVERSION: a versioned struct this library does not know)."""


class InternalError(EgenkontrollError):
    """A bug in the library (EK_EINTERNAL); please report it with the message."""


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
    _core.EK_EVERSION: VersionMismatchError,
    _core.EK_EINTERNAL: InternalError,
}


def _raise_last(status: int) -> None:
    e = _core.ek_error_last()
    msg = e.message or _core.ek_status_name(status)
    cls = _BY_STATUS.get(status, EgenkontrollError)
    if cls is MemoryError:
        raise MemoryError(msg)
    if cls is OSError:
        cls = LibraryIOError
    exc = cls(msg, status, e.source, e.line, e.column, e.record_id, e.field, e.language)
    exc._display = _core.ek_py_last_error_format()
    raise exc


class LibraryIOError(EgenkontrollError, OSError):
    """Reading or writing a file failed (EK_EIO); also an ``OSError``."""

    def __init__(self, message: str, status: int = -7, source: str = "", line: int = 0,
                 column: int = 0, record_id: str = "", field: str = "", language: str = ""):
        EgenkontrollError.__init__(self, message, status, source, line, column, record_id, field, language)
        self.filename = source or None

    def __str__(self) -> str:  # OSError would format (errno, strerror)
        return self._display or format_error(self)


#: Former name of :class:`LibraryIOError`.
IOErrorFromLibrary = LibraryIOError


def format_error(error: Any) -> str:
    """The display string of an error: ``source:line:column: message (case ID, field F)``, each
    known part once (the C ek_error_format()), its connecting words in the language the message
    was written in (``error.language``; the process's when it is ``""`` or absent).

    ``error`` is an :class:`EgenkontrollError` or anything with the same attributes
    (``message``, ``status``, ``source``, ``line``, ``column``, and ``record_id`` or ``case_id``,
    ``field``, optionally ``language``), e.g. a :class:`~egenkontroll.CaseError`."""
    rid = getattr(error, "record_id", None)
    if rid is None:
        rid = getattr(error, "case_id", "")
    return _core.ek_py_error_format(int(getattr(error, "status", -99)), error.message or "",
                                    getattr(error, "source", "") or "", int(getattr(error, "line", 0) or 0),
                                    int(getattr(error, "column", 0) or 0), rid or "",
                                    getattr(error, "field", "") or "", getattr(error, "language", "") or "")


def status_name(status: int) -> str:
    """The C name of a status code: ``status_name(-3) == "EK_EPARSE"``."""
    return _core.ek_status_name(int(status))


def clear_last_error() -> None:
    """Reset the calling thread's last library error (rarely needed: every
    exception already carries its message)."""
    _core.ek_error_clear()


def check(result: Any) -> Any:
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


# Shown as egenkontroll.ParseError (where users import them from) in tracebacks.
for _cls in (EgenkontrollError, InvalidArgumentError, ParseError, OutOfRangeError, NotFoundError, ConflictError,
             StateError, LimitError, VersionMismatchError, InternalError, LibraryIOError):
    _cls.__module__ = "egenkontroll"
del _cls
