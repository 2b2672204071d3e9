"""The egenkontroll report: checklist rates, deadline statistics, overdue obligations and the lex Sarah
summary over a period, the same figures as ``egenkontroll report``.

>>> from egenkontroll.report import build_report
>>> rep = build_report("examples/data/cases.jsonl", sarah="examples/data/sarah.jsonl",
...                    delegation="examples/data/delegation.json", as_of="2026-03-01",
...                    date_from="2025-01-01", date_to="2025-12-31")       # doctest: +SKIP
>>> rep.data["items"][0]["id"], rep.data["items"][0]["counts"]["rate"]    # doctest: +SKIP
('A1', 0.88...)
>>> html = rep.to_html()                                                  # doctest: +SKIP

``build_report`` reads the case files in C (a bad line is counted as
rejected and skipped, never fatal: see ``rep.data["input"]``) or takes
:class:`~egenkontroll.cases.Case` objects; lex Sarah registers likewise.
``rep.data`` is the parsed ``egenkontroll/report-1`` JSON document
(docs/formats.md): ``items`` (A1 … F4 with title, legal basis, counts by the
population model and ``by_unit``), ``deadlines`` (per rule: ``met``,
``late``, ``overdue``, ``on_time_rate``, ``late_median_days``, …),
``deadlines_total``, ``deadlines_by_month``, ``overdue`` (case id, unit,
rule, legal end, days overdue: case identifiers only), ``sarah`` (the
register summary) and ``input`` (records read, in the period, rejected).

The period: a case belongs to it when its first event on or before the
as-of date falls in [date_from, date_to]; a lex Sarah record when its report
date does.  With ``sample=N`` the checklist (not the deadlines) counts a
reproducible random sample of at most N cases per unit and ``sample_period``
(default "year"): the cases :func:`egenkontroll.sample_cases` and ``egenkontroll
check --sample`` draw; ``data["sample"]["cases"]`` lists them.
"""
from __future__ import annotations

import datetime
import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _core
from ._errors import check
from ._handle import Handle, in_use
from .calendar import _from_ek, _to_ek

__all__ = ["Report", "build_report", "report", "previous_period", "default_period"]

PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[str, datetime.date, None]
_NONE = _core.EK_DATE_NONE if hasattr(_core, "EK_DATE_NONE") else -(2 ** 63)


def _date(d: DateLike) -> Optional[datetime.date]:
    if d is None or isinstance(d, datetime.date):
        return d
    return datetime.date.fromisoformat(str(d))


def _items(x: Any) -> List[Any]:
    if x is None:
        return []
    if isinstance(x, (str, bytes, os.PathLike)) or hasattr(x, "_handle"):
        return [x]
    return list(x)


class Report(Handle):
    """A finished report (owns a C ``ek_report``).  ``data`` is its JSON document as a dict."""

    __slots__ = ("_data", "_keep", "date_from", "date_to", "as_of", "answer_notes")

    def __init__(self, ptr: Any, keep: Tuple[Any, ...], as_of: datetime.date,
                 date_from: Optional[datetime.date], date_to: Optional[datetime.date]):
        super().__init__(ptr, _core.ek_report_free)
        self._data: Optional[Dict[str, Any]] = None
        self._keep = keep  # the context, checklist and delegation order the C report borrows
        self.as_of = as_of
        self.date_from = date_from
        self.date_to = date_to
        #: Conflicts and unknown case ids or items of the ``answers=`` given (egenkontroll.answers.AnswerNote).
        self.answer_notes: List[Any] = []

    def to_json(self) -> str:
        """The report as an ``egenkontroll/report-1`` JSON document (indented)."""
        with in_use(self, *self._keep) as (h, *_):  # close() elsewhere waits; refuses once one is closed
            return check(_core.ek_report_write_json(h))

    def write_json(self, path: PathLike) -> None:
        """Write the ``to_json()`` document and a final newline to the file ``path`` (created or
        truncated), in pieces: the document is never held whole, however long the overdue list.
        Raises ``OSError`` (:class:`egenkontroll.LibraryIOError`) when the file cannot be written."""
        with in_use(self, *self._keep) as (h, *_):
            check(_core.ek_report_write_json_file(h, os.fspath(path)))

    def to_csv(self) -> str:
        """The report as long CSV (``section,unit,id,title,measure,value``; CRLF line ends)."""
        with in_use(self, *self._keep) as (h, *_):
            return check(_core.ek_report_write_csv(h))

    @property
    def data(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self.to_json())
        return self._data

    @property
    def rejected(self) -> int:
        """Input records rejected (cases and lex Sarah records)."""
        i = self.data["input"]
        return int(i["cases_rejected"]) + int(i["sarah_rejected"])

    def frames(self) -> Dict[str, Any]:
        """The report's sections as pandas DataFrames: ``items``, ``deadlines``, ``units``, ``months``,
        ``overdue`` and ``sarah`` (see :func:`egenkontroll.frames.report_frames`).  Needs pandas."""
        from .frames import report_frames
        return report_frames(self.data)

    def to_html(self, previous: Optional["Report"] = None, title: Optional[str] = None,
                period_note: Optional[str] = None) -> str:
        """One self-contained HTML page with charts (see :mod:`egenkontroll.html`); ``period_note`` says
        how the period was chosen."""
        from .html import render
        return render(self.data, previous.data if previous is not None else None, title=title,
                      period_note=period_note)


def build_report(cases: Any, *, sarah: Any = None, delegation: Any = None, checklist: Any = None,
                 context: Any = None, as_of: DateLike = None, date_from: DateLike = None,
                 date_to: DateLike = None, sample: Optional[int] = None, seed: int = 1,
                 answers: Any = None, sample_period: str = "year") -> Report:
    """Build and finish a report.

    ``cases``: a path ("-" = standard input), a :class:`~egenkontroll.cases.Case`, or an iterable of
    either.  ``sarah``: likewise for lex Sarah registers / :class:`~egenkontroll.sarah.Record`.
    ``delegation``: a path or :class:`~egenkontroll.checklist.Delegation` (item C1; without it C1 is not
    checked).  ``checklist``: a path or :class:`~egenkontroll.checklist.Checklist` (default: the
    built-in one).  ``context``: a :class:`~egenkontroll.Context` (default policy otherwise).
    ``as_of`` defaults to today.  A file that cannot be opened raises; bad lines are counted.
    ``answers``: reviewers' answers kept apart from the cases (an :class:`~egenkontroll.answers.Answers`, or
    granskning-1 / xlsx paths), merged with the cases' own (the later date counts); conflicts and answers for
    unknown case ids or items are listed in ``Report.answer_notes``.
    """
    from .answers import load_answers
    from .context import default_context
    from .checklist import Checklist, Delegation

    ctx = context if context is not None else default_context()
    day = _date(as_of) or datetime.date.today()
    d_from, d_to = _date(date_from), _date(date_to)
    deleg = Delegation.load(delegation) if isinstance(delegation, (str, os.PathLike)) else delegation
    cl = Checklist.load(checklist) if isinstance(checklist, (str, os.PathLike)) else checklist
    ans = load_answers(answers)
    ptr = check(_core.ek_report_new(ctx._handle, _to_ek(day)))
    rep = Report(ptr, (ctx, deleg, cl, ans), day, d_from, d_to)
    keep = rep._keep
    try:
        h = rep._handle
        check(_core.ek_report_set_period(h, _to_ek(d_from) if d_from else _NONE, _to_ek(d_to) if d_to else _NONE))
        if sample:
            check(_core.ek_report_set_sample(h, int(sample), int(seed)))
            check(_core.ek_report_set_sample_period(h, sample_period))
        if deleg is not None:
            check(_core.ek_report_set_delegation(h, deleg._handle))
        if cl is not None:
            check(_core.ek_report_set_checklist(h, cl._handle))
        if ans is not None:
            check(_core.ek_report_set_answers(h, ans._handle))
        # Each call that releases the GIL holds what it uses: the borrowed context, checklist and
        # delegation order, and the case or record it reads; close() in another thread waits for it.
        for c in _items(cases):
            if hasattr(c, "_handle"):
                with in_use(c, *keep) as (hc, *_):
                    check(_core.ek_report_add_case(h, hc))
            else:
                with in_use(*keep):
                    check(_core.ek_report_read_cases(h, os.fspath(c)))
        for s in _items(sarah):
            if hasattr(s, "_handle"):
                with in_use(s, *keep) as (hs, *_):
                    check(_core.ek_report_add_sarah(h, hs))
            else:
                with in_use(*keep):
                    check(_core.ek_report_read_sarah(h, os.fspath(s)))
        with in_use(*keep):
            check(_core.ek_report_finish(h))
        if ans is not None:
            rep.answer_notes = ans.notes
    except BaseException:
        rep.close()
        raise
    return rep


def report(cases: Any, **kwargs: Any) -> Dict[str, Any]:
    """``build_report(cases, **kwargs).data``: the report as a dict."""
    with build_report(cases, **kwargs) as rep:
        return rep.data


def default_period(as_of: DateLike) -> Tuple[datetime.date, datetime.date]:
    """The last full calendar year before ``as_of`` (the HTML report's default period)."""
    day = _date(as_of) or datetime.date.today()
    return datetime.date(day.year - 1, 1, 1), datetime.date(day.year - 1, 12, 31)


def previous_period(date_from: DateLike, date_to: DateLike) -> Tuple[datetime.date, datetime.date]:
    """The period of the same length just before [date_from, date_to]: whole months when the period is
    whole months (2025-01-01 … 2025-12-31 → 2024-01-01 … 2024-12-31), else the same number of days."""
    a, b = _date(date_from), _date(date_to)
    if a is None or b is None:
        raise ValueError("previous_period needs both ends of the period")
    one = datetime.timedelta(days=1)
    if a.day == 1 and (b + one).day == 1:
        months = (b.year - a.year) * 12 + (b.month - a.month) + 1
        y, m = divmod(a.year * 12 + a.month - 1 - months, 12)
        return datetime.date(y, m + 1, 1), a - one
    return a - (b - a) - one, a - one


def _ek_date(n: int) -> Optional[datetime.date]:
    return None if n == _NONE else _from_ek(n)
