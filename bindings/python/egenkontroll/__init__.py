"""egenkontroll: Swedish child-welfare egenkontroll in Python.

Statutory deadlines counted as Swedish law counts time, lex Sarah
deviation records and checklist audits of case files, over the C library
libegenkontroll.  See ``help(egenkontroll)`` and the README.
"""
from __future__ import annotations

from . import _core
from ._version import __version__
from ._errors import (EgenkontrollError, InvalidArgumentError, ParseError, OutOfRangeError,
                      NotFoundError, ConflictError, StateError, LimitError, VersionMismatchError)
from ._errors import check as _check
from .calendar import (Calendar, Deadline, Period, NamedDay, parse_date, format_date,  # noqa: F401
                       parse_period, format_period)

__all__ = [
    "__version__", "library_version",
    "EgenkontrollError", "InvalidArgumentError", "ParseError", "OutOfRangeError",
    "NotFoundError", "ConflictError", "StateError", "LimitError", "VersionMismatchError",
]
__all__ += ["Calendar", "Deadline", "Period", "NamedDay", "parse_date", "format_date",
            "parse_period", "format_period"]
from .cases import Case, Event, Answer, CaseError, read_cases  # noqa: E402,F401
__all__ += ["Case", "Event", "Answer", "CaseError", "read_cases"]
from . import sarah  # noqa: E402,F401  (lex Sarah records: egenkontroll.sarah.Record, read_records, Summary)
__all__ += ["sarah"]


def library_version() -> str:
    """The version of the C library actually loaded, e.g. ``"0.1.0"``."""
    return _core.ek_version_string()


# The module and the library it loaded must be the same release.
if library_version() != __version__:
    raise VersionMismatchError(
        f"egenkontroll Python package {__version__} loaded C library {library_version()}; "
        "reinstall so that both are the same version")
