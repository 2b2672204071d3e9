"""The Swedish statutory calendar and time-limit arithmetic.

Counts time as Swedish law does: Lag (1989:253) om allmänna helgdagar
(with its 2005 change: nationaldagen added, annandag pingst removed) and
Lag (1930:173) om beräkning av lagstadgad tid (1 § period ends, 2 § roll-over
past Saturdays, Sundays, public holidays, midsommarafton, julafton and
nyårsafton, in the wording in force on the day: see docs/rules.md).
Supported dates: 1953-01-01 to 2199-12-31; anything outside raises
:class:`~egenkontroll.OutOfRangeError`, never a wrong answer.  So does a roll-over
or working-day count that meets a day before 1975 on which the wordings of 2 §
that may be in force disagree (flagged ``DAY_UNVERIFIED``): a Saturday in
October-May from 1961-06-01 to 1974-10-24, nyårsafton 1974, and any Saturday or
eve before 1961-06-01.

Scalar methods take and return :class:`datetime.date`; the ``*_many``
methods take and return NumPy ``datetime64[D]`` arrays and run in C with the
GIL released, with no Python-level loop.

>>> cal = Calendar()
>>> cal.deadline("2025-10-31", "4m")
Deadline(start=datetime.date(2025, 10, 31), nominal=datetime.date(2026, 2, 28), legal=datetime.date(2026, 3, 2))
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional, Tuple, Union

if TYPE_CHECKING:  # NumPy is needed only by the *_many methods
    import numpy

from . import _core
from ._errors import check
from ._handle import Handle, in_use

__all__ = [
    "Calendar", "Deadline", "Period", "NamedDay", "SkippedDay",
    "parse_date", "format_date", "parse_period", "format_period", "add_period", "in_range",
    "DATE_MIN", "DATE_MAX", "DateLike", "PeriodLike",
    "DAY_SATURDAY", "DAY_SUNDAY", "DAY_HOLIDAY", "DAY_EVE", "DAY_NONWORKING", "DAY_UNVERIFIED",
]

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()

DAY_SATURDAY = _core.EK_DAY_SATURDAY
DAY_SUNDAY = _core.EK_DAY_SUNDAY
DAY_HOLIDAY = _core.EK_DAY_HOLIDAY
DAY_EVE = _core.EK_DAY_EVE
DAY_NONWORKING = _core.EK_DAY_NONWORKING
DAY_UNVERIFIED = _core.EK_DAY_UNVERIFIED

DateLike = Union[datetime.date, str]


def _to_ek(d: DateLike) -> int:
    """A date (or ISO text) as the library's day number (days since 1970-01-01)."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    if isinstance(d, datetime.date):
        return d.toordinal() - _EPOCH_ORDINAL
    if isinstance(d, str):
        return check(_core.ek_date_parse(d))
    raise TypeError(f"expected a datetime.date or an ISO date string, not {type(d).__name__}")


def _from_ek(n: int) -> datetime.date:
    return datetime.date.fromordinal(n + _EPOCH_ORDINAL)


DATE_MIN: datetime.date = _from_ek(_core.EK_DATE_MIN)
"""First supported date, 1953-01-01."""
DATE_MAX: datetime.date = _from_ek(_core.EK_DATE_MAX)
"""Last supported date, 2199-12-31."""


def parse_date(text: str) -> datetime.date:
    """Parse exactly ``YYYY-MM-DD``; raises ParseError (malformed), InvalidArgumentError
    (an impossible date such as 2026-02-29) or OutOfRangeError, naming the text."""
    return _from_ek(check(_core.ek_date_parse(text)))


def format_date(d: DateLike) -> str:
    """``YYYY-MM-DD`` of a supported date."""
    return check(_core.ek_date_format(_to_ek(d)))


class Period(NamedTuple):
    """A statutory period: ``n`` and a unit (``"d"``, ``"w"``, ``"m"``, ``"y"``, ``"wd"``)."""
    n: int
    unit: str

    def __str__(self) -> str:
        return f"{self.n}{self.unit}"


_UNIT_TO_C = {"d": _core.EK_UNIT_DAYS, "w": _core.EK_UNIT_WEEKS, "m": _core.EK_UNIT_MONTHS,
              "y": _core.EK_UNIT_YEARS, "wd": _core.EK_UNIT_WORKING_DAYS}
_C_TO_UNIT = {v: k for k, v in _UNIT_TO_C.items()}


def parse_period(text: str) -> Period:
    """Parse ``"14d"``, ``"1w"``, ``"4m"``, ``"2y"`` or ``"10wd"``."""
    n, unit = check(_core.ek_period_parse(text))
    return Period(n, _C_TO_UNIT[unit])


PeriodLike = Union[Period, str, Tuple[int, str]]


def format_period(p: PeriodLike) -> str:
    """A period in the library's notation: ``format_period(Period(4, "m")) == "4m"``."""
    return check(_core.ek_period_format(_period_c(p)))


def add_period(start: DateLike, period: PeriodLike) -> datetime.date:
    """The nominal end of ``period`` counted from ``start`` (1930:173 1 §; for days the
    start day is not counted), without the roll-over to a working day.

    Working-day periods (``"10wd"``) need the calendar: use :meth:`Calendar.deadline`.
    """
    return _from_ek(check(_core.ek_period_add(_to_ek(start), _period_c(period))))


def in_range(d: DateLike) -> bool:
    """True when ``d`` lies within the supported range, DATE_MIN … DATE_MAX."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    if isinstance(d, datetime.date):
        return DATE_MIN <= d <= DATE_MAX
    return bool(_core.ek_date_in_range(_to_ek(d)))


def _period_c(p: Union[Period, str, Tuple[int, str]]) -> Tuple[int, int]:
    if isinstance(p, str):
        p = parse_period(p)
    try:
        n, unit = p
        return (int(n), _UNIT_TO_C[unit])
    except (TypeError, ValueError, KeyError):
        raise TypeError(f"expected a period such as \"4m\" or Period(4, \"m\"), not {p!r}") from None


@dataclass(frozen=True)
class Deadline:
    """The end of a period: ``nominal`` (1930:173 1 §, or day counting) and
    ``legal`` (``nominal`` rolled to a working day under 1930:173 2 §)."""
    start: datetime.date
    nominal: datetime.date
    legal: datetime.date


class SkippedDay(NamedTuple):
    """A day a roll-over under 1930:173 2 § skips: its ``DAY_*`` flags, its name (the holiday
    or eve, else ``"lördag"`` or ``"söndag"``) and ``basis``, the wording of 2 § that moves it
    (``"Lag (1930:173) 2 § i lydelse enligt SFS 1974:756"``)."""
    date: datetime.date
    flags: int
    name: str
    basis: str


class NamedDay(NamedTuple):
    """A named public holiday (``kind == "holiday"``) or 1930:173 eve (``"eve"``)."""
    date: datetime.date
    kind: str
    name: str


def _numpy() -> Any:
    import numpy  # noqa: PLC0415 - imported only for the batch methods
    return numpy


def _as_days(dates: Any) -> Tuple[Any, Tuple[int, ...]]:
    """dates as a C-contiguous 1-D int64 view of datetime64[D], plus the original shape."""
    np = _numpy()
    arr = np.asarray(dates)
    if arr.dtype.kind != "M":
        arr = arr.astype("datetime64[D]")
    arr = np.ascontiguousarray(arr.astype("datetime64[D]", copy=False))
    return arr.reshape(-1).view("int64"), arr.shape


def _new_dates(n: int) -> Tuple[Any, Any]:
    np = _numpy()
    out = np.empty(n, dtype="datetime64[D]")
    return out, out.view("int64")


class Calendar(Handle):
    """The Swedish statutory calendar, 1953-01-01 to 2199-12-31.

    Built once as tables (about 1.3 MB); immutable, so one instance may be
    used from any number of threads.  ``errors="nat"`` on the batch methods
    turns out-of-range elements (and NaT inputs) into NaT instead of raising.
    """

    __slots__ = ()

    def __init__(self) -> None:
        ptr = check(_core.ek_calendar_new())
        super().__init__(ptr, _core.ek_calendar_free)

    @classmethod
    def _borrow(cls, ptr: Any, parent: Any) -> "Calendar":
        """A Calendar over a C calendar owned by ``parent`` (kept alive; never freed here)."""
        self = cls.__new__(cls)
        Handle.__init__(self, ptr, None, parent)
        return self

    def __repr__(self) -> str:
        return "<Calendar closed>" if self.closed else f"<Calendar {DATE_MIN} … {DATE_MAX}>"

    # ---- single dates ----------------------------------------------------

    def day_flags(self, d: DateLike) -> int:
        """The DAY_* flags of a date, or-ed together."""
        return check(_core.ek_calendar_day_flags(self._handle, _to_ek(d)))

    def is_working_day(self, d: DateLike) -> bool:
        """False on Saturdays, Sundays, public holidays, midsommarafton, julafton and nyårsafton
        (the days 1930:173 2 § names in the wording in force on ``d``); raises OutOfRangeError on a
        ``DAY_UNVERIFIED`` day."""
        return bool(check(_core.ek_calendar_is_working_day(self._handle, _to_ek(d))))

    def day_name(self, d: DateLike) -> Optional[str]:
        """The Swedish name of the holiday or eve on ``d`` (``"juldagen"``), else None."""
        return check(_core.ek_calendar_day_name(self._handle, _to_ek(d)))

    def named_days(self, year: int) -> List[NamedDay]:
        """The named public holidays and 1930:173 eves of ``year`` in date order."""
        days = check(_core.ek_calendar_named_days(self._handle, int(year)))
        return [NamedDay(_from_ek(d), "eve" if eve else "holiday", name) for d, eve, name in days]

    def roll(self, d: DateLike) -> datetime.date:
        """``d`` if it is a working day, else the next working day (1930:173 2 §)."""
        return _from_ek(check(_core.ek_calendar_roll(self._handle, _to_ek(d))))

    def roll_explain(self, d: DateLike) -> List[SkippedDay]:
        """Why :meth:`roll` moves ``d``: the days from ``d`` up to (not including) the working
        day it returns, with their names and the wording of 2 § in force; ``[]`` for a
        working day.  Raises like :meth:`roll`."""
        days = check(_core.ek_calendar_roll_explain(self._handle, _to_ek(d)))
        return [SkippedDay(_from_ek(x), flags, name, basis) for x, flags, name, basis in days]

    def add_working_days(self, d: DateLike, n: int) -> datetime.date:
        """The ``n``-th working day strictly after ``d`` (``n >= 0``)."""
        return _from_ek(check(_core.ek_calendar_add_working_days(self._handle, _to_ek(d), int(n))))

    def deadline(self, start: DateLike, period: PeriodLike) -> Deadline:
        """Nominal and legal end of ``period`` (``"14d"``, ``"4m"``, ``"10wd"``, …) counted from ``start``."""
        s, nominal, legal = check(_core.ek_deadline_compute(self._handle, _to_ek(start), _period_c(period)))
        return Deadline(_from_ek(s), _from_ek(nominal), _from_ek(legal))

    # ---- arrays ------------------------------------------------------------

    @staticmethod
    def _finish(status: int, errors: str) -> None:
        if errors == "nat" and status == _core.EK_ERANGE:
            return
        check(status)

    @staticmethod
    def _check_errors(errors: str) -> None:
        if errors not in ("raise", "nat"):
            raise ValueError(f"errors must be \"raise\" or \"nat\", not {errors!r}")

    def roll_many(self, dates: Any, errors: str = "raise") -> "numpy.ndarray":
        """:meth:`roll` over an array of dates; returns ``datetime64[D]`` of the same shape."""
        self._check_errors(errors)
        days, shape = _as_days(dates)
        out, out_days = _new_dates(days.size)
        with in_use(self) as (h,):  # close() in another thread waits for the call
            self._finish(_core.ek_calendar_roll_batch(h, days, out_days), errors)
        return out.reshape(shape)

    def add_working_days_many(self, dates: Any, n: int, errors: str = "raise") -> "numpy.ndarray":
        """:meth:`add_working_days` over an array of dates, the same ``n`` for each."""
        self._check_errors(errors)
        days, shape = _as_days(dates)
        out, out_days = _new_dates(days.size)
        with in_use(self) as (h,):
            self._finish(_core.ek_calendar_add_working_days_batch(h, days, int(n), out_days), errors)
        return out.reshape(shape)

    def deadline_many(self, starts: Any, period: PeriodLike,
                      errors: str = "raise") -> "Tuple[numpy.ndarray, numpy.ndarray]":
        """:meth:`deadline` over an array of start dates; returns ``(nominal, legal)`` arrays."""
        self._check_errors(errors)
        days, shape = _as_days(starts)
        nominal, nominal_days = _new_dates(days.size)
        legal, legal_days = _new_dates(days.size)
        per = _period_c(period)
        with in_use(self) as (h,):
            self._finish(_core.ek_deadline_compute_batch(h, days, per, nominal_days, legal_days), errors)
        return nominal.reshape(shape), legal.reshape(shape)
