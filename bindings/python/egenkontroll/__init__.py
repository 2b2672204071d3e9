"""egenkontroll: Swedish child-welfare egenkontroll in Python.

Statutory deadlines counted as Swedish law counts time, lex Sarah
deviation records and checklist audits of case files, over the C library
libegenkontroll.

>>> import datetime, egenkontroll as ek
>>> with ek.Case("BU-1") as case:
...     _ = case.add_event("anmalan_mottagen", datetime.date(2025, 12, 17))
...     obligations = ek.evaluate(case, as_of="2026-01-02")
>>> [(o.rule, o.legal, o.status) for o in obligations if o.rule == "forhandsbedomning"]
[('forhandsbedomning', datetime.date(2026, 1, 2), 'pending')]

The pieces, each also a module of its own:

- :class:`Context` (``egenkontroll.context``): the policy parameters (a
  validating dict-like view) and the calendar every evaluation uses;
- :class:`Calendar`, :class:`Period`, :class:`Deadline`
  (``egenkontroll.calendar``): Swedish statutory time, scalars as
  :class:`datetime.date`, batches as NumPy ``datetime64[D]``;
- :class:`Case`, :class:`Event`, :func:`read_cases` (``egenkontroll.cases``);
- :func:`evaluate`, :func:`evaluate_many`, :func:`rulebook`, :class:`Obligation`
  (``egenkontroll.rules``): deadline evaluation (bevakning);
- ``egenkontroll.sarah``: lex Sarah records;
- :func:`check` (``egenkontroll.checklist``): the checklist audit of a case;
- :func:`build_report` (``egenkontroll.report``): the egenkontroll report;
- :func:`evaluate_frame`, :func:`check_frame` and ``Report.frames()``
  (``egenkontroll.frames``): the same results as pandas DataFrames;
- exceptions: :class:`EgenkontrollError` and one subclass per kind of error,
  carrying the library's message and location.
"""
from __future__ import annotations

from typing import Tuple

from . import _core
from ._version import __version__
from ._errors import (EgenkontrollError, InvalidArgumentError, ParseError, OutOfRangeError,
                      NotFoundError, ConflictError, StateError, LimitError, VersionMismatchError,
                      LibraryIOError, InternalError, status_name, clear_last_error, format_error)
from ._errors import check as _check  # noqa: F401


def library_version() -> str:
    """The version of the C library actually loaded, e.g. ``"0.1.0"``."""
    return _core.ek_version_string()


def safe_text(text: str, cell: bool = False) -> str:
    """``text`` made safe for an output you write yourself (the library's own writers do this
    already): control characters escaped (``\\n``, ``\\x1b``, ``\\u202e``) and anything shaped
    like a personnummer masked (``XXXXXX-XXXX``); with ``cell=True`` also a leading ``=``, ``+``,
    ``-``, ``@``, tab or CR gets an apostrophe, so that a spreadsheet never reads a formula.

    >>> safe_text("=1+1\\n19121212-1212", cell=True)
    "'=1+1\\\\nXXXXXXXX-XXXX"
    """
    return _check(_core.ek_text_safe_dup(text, _core.EK_TEXT_CELL if cell else _core.EK_TEXT_LINE))


def library_version_info() -> Tuple[int, int, int]:
    """The loaded C library's version as ``(major, minor, patch)``."""
    n = _core.ek_version()
    return (n // 10000, n // 100 % 100, n % 100)


def _check_version(package: str, library: str) -> None:
    """Raise VersionMismatchError unless the package and the library it loaded are one release."""
    if package != library:
        raise VersionMismatchError(
            f"egenkontroll Python package {package} loaded C library {library}; "
            "reinstall so that both are the same version",
            _core.EK_EVERSION)


# The module and the library it loaded must be the same release (checked before anything else runs).
_check_version(__version__, library_version())

from .calendar import (Calendar, Deadline, Period, NamedDay, SkippedDay, parse_date, format_date,  # noqa: E402
                       parse_period, format_period, add_period, in_range, DATE_MIN, DATE_MAX)
from .context import Context, Policy, PolicyParam, policy_params, default_context  # noqa: E402
from .cases import Case, Event, Answer, CaseError, AttrSpec, read_cases, attr_spec, EVENT_TYPES  # noqa: E402
from .rules import (Rulebook, Rule, RuleVersion, Obligation, rulebook, evaluate, evaluate_json,  # noqa: E402
                    evaluation_error_json, evaluate_many, evaluate_file, FileEvaluation, evaluate_annual, compare_policy,
                    count_statuses, STATUSES, FLAGS, ORDERS)
from . import calendar, context, cases, rules  # noqa: E402,F401
from . import sarah  # noqa: E402,F401  (lex Sarah records: egenkontroll.sarah.Record, read_records, Summary)
from .checklist import (Checklist, Item, Basis, Delegation, Evidence, ItemResult, CaseResult,  # noqa: E402
                        Aggregate, ItemCounts, check, audit, wilson_interval, sample, sample_key, sample_group, sample_period, sample_cases,
                        write_run_record)
from . import checklist  # noqa: E402,F401
from .answers import Answers, AnswerRecord, AnswerNote  # noqa: E402
from . import answers  # noqa: E402,F401  (reviewers' answers kept apart from the export: granskning-1)
from .report import Report, build_report  # noqa: E402
from .checklist import check_many  # noqa: E402
from .frames import evaluate_frame, check_frame  # noqa: E402  (pandas DataFrames; pandas is imported on use)
from . import report  # noqa: E402,F401  (the egenkontroll report: egenkontroll.report.report(cases, ...) -> dict)

#: The XCCDF result names (checklist and lex Sarah items), in the library's order.
RESULTS: Tuple[str, ...] = tuple(_core.ek_result_name(i) for i in range(1, _core.ek_result_count() + 1))

__all__ = [
    # version
    "__version__", "library_version", "library_version_info", "safe_text",
    # errors
    "EgenkontrollError", "InvalidArgumentError", "ParseError", "OutOfRangeError",
    "NotFoundError", "ConflictError", "StateError", "LimitError", "VersionMismatchError",
    "LibraryIOError", "InternalError", "status_name", "clear_last_error", "format_error",
    # context and policy
    "Context", "Policy", "PolicyParam", "policy_params", "default_context",
    # calendar
    "Calendar", "Deadline", "Period", "NamedDay", "SkippedDay", "parse_date", "format_date",
    "parse_period", "format_period", "add_period", "in_range", "DATE_MIN", "DATE_MAX",
    # cases
    "Case", "Event", "Answer", "CaseError", "AttrSpec", "read_cases", "attr_spec", "EVENT_TYPES",
    # deadline evaluation
    "Rulebook", "Rule", "RuleVersion", "Obligation", "rulebook", "evaluate", "evaluate_json", "evaluation_error_json",
    "evaluate_file", "FileEvaluation", "compare_policy",
    "evaluate_many", "evaluate_annual", "count_statuses", "STATUSES", "FLAGS", "ORDERS",
    # vocabulary
    "RESULTS",
    # submodules
    "calendar", "context", "cases", "rules", "sarah", "checklist",
    # checklist audits
    "Checklist", "Item", "Basis", "Delegation", "Evidence", "ItemResult", "CaseResult", "Aggregate",
    "ItemCounts", "check", "check_many", "audit", "sample", "sample_key", "sample_group", "sample_period", "sample_cases",
    "write_run_record",
    # reviewers' answers
    "answers", "Answers", "AnswerRecord", "AnswerNote",
    # pandas DataFrames (need pandas)
    "evaluate_frame", "check_frame",
    # the report
    "report", "Report", "build_report",
]
