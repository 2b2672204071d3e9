"""The temporal rulebook of statutory time limits and deadline evaluation (bevakning).

Every time limit of a Swedish child and youth case (DOMAIN.md §4) under its
public id (``"forhandsbedomning"``, ``"utredning"``, ``"overvagande_sol"``, …),
with versions valid from one date to another and the legal basis in both
SoL (2001:453) (to 2025-06-30) and SoL (2025:400) (from 2025-07-01).

>>> from egenkontroll.cases import Case
>>> c = Case("BU-1")
>>> _ = c.add_event("anmalan_mottagen", "2025-12-17")
>>> o = [o for o in evaluate(c, as_of="2026-01-02") if o.rule == "forhandsbedomning"][0]
>>> (o.nominal, o.legal, o.status)
(datetime.date(2025, 12, 31), datetime.date(2026, 1, 2), 'pending')

Statuses: ``met``, ``late``, ``pending``, ``overdue``, ``notapplicable``,
``error`` (contradictory data; never reported as met).  Only events dated on
or before ``as_of`` count.  Flags make exceptions and uncertainties visible:
``undantag`` (synnerliga skäl documented), ``forlangd`` / ``forlangning_for_sent``
(investigation extension in time / too late), ``ikrafttradande`` (due date
moved to an amendment's entry into force), ``osaker`` (the rule version is a
reasoned reading, certainty R), ``antagande`` (applicability assumed), …
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from . import _core
from ._errors import check
from .calendar import DateLike
from .context import Context as _Context, _context_handle, _context_object
from ._handle import in_use

__all__ = [
    "Context", "Rulebook", "Rule", "RuleVersion", "Obligation",
    "rulebook", "evaluate", "evaluate_json", "evaluate_many", "evaluate_annual",
    "STATUSES", "FLAGS", "ORDERS", "count_statuses",
]

_NONE = -(2 ** 63)
_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
_UNITS = {1: "d", 2: "w", 3: "m", 4: "y", 5: "wd"}
_KINDS = {1: "single", 2: "recurring", 3: "annual"}
_EXTENSIONS = {0: None, 1: "synnerliga_skal", 2: "new_end_date", 3: "sarskilda_skal", 4: "court"}


def _status_names() -> Tuple[str, ...]:
    names, i = [], 1
    while _core.ek_obligation_status_name(i) != "invalid":
        names.append(_core.ek_obligation_status_name(i))
        i += 1
    return tuple(names)


#: Status names in the order of the C enum (1 …): the library's one table
#: (ek_obligation_status_name()).
STATUSES = _status_names()
#: Flag bit -> name.
FLAGS = {1 << i: _core.ek_obligation_flag_name(1 << i) for i in range(11)}

def _to_ek(d: DateLike) -> int:
    if isinstance(d, datetime.datetime):
        d = d.date()
    if isinstance(d, datetime.date):
        return d.toordinal() - _EPOCH_ORDINAL
    if isinstance(d, str):
        return check(_core.ek_date_parse(d))
    raise TypeError(f"expected a datetime.date or an ISO date string, not {type(d).__name__}")


def _date(n: int) -> Optional[datetime.date]:
    return None if n == _NONE else datetime.date.fromordinal(n + _EPOCH_ORDINAL)


def _period(t: Tuple[int, int]) -> Optional[str]:
    n, unit = t
    if unit not in _UNITS:
        return None
    return f"{n}{_UNITS[unit]}"


# ---------------------------------------------------------------------------
# Context: egenkontroll.Context (this name is kept for code that imported it from here)

Context = _Context


def _context(ctx: Optional[_Context]) -> Any:
    return _context_handle(ctx)


def _as_of(as_of: Optional[DateLike]) -> int:
    return _to_ek(datetime.date.today() if as_of is None else as_of)


# ---------------------------------------------------------------------------
# The rulebook


@dataclass(frozen=True)
class RuleVersion:
    """One version of a rule: what it says while it is in force."""
    valid_from: Optional[datetime.date]
    valid_to: Optional[datetime.date]
    has_limit: bool
    period: Optional[str]          # "14d", "4m", "2y"; None when a policy parameter gives it
    repeat: Optional[str]          # recurring rules: later periods
    policy_param: Optional[str]
    basis: str                     # "SoL (2025:400) 20 kap. 2 §"
    certainty: str                 # "V", "S" or "R"
    note: Optional[str]

    def in_force(self, day: datetime.date) -> bool:
        """True when this version applies on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Rule:
    """A rule of the rulebook."""
    id: str
    index: int
    title: str
    description: str
    kind: str                      # "single", "recurring", "annual"
    start_events: Tuple[str, ...]
    completion_events: Tuple[str, ...]
    extension: Optional[str]
    extension_text: Optional[str]
    versions: Tuple[RuleVersion, ...]

    def version_on(self, day: DateLike) -> Optional[RuleVersion]:
        """The version in force on ``day``, or None."""
        d = _date(_to_ek(day))
        for v in self.versions:
            if v.in_force(d):
                return v
        return None


@dataclass(frozen=True)
class Rulebook:
    """The built-in rulebook: its version and its rules in catalogue order."""
    version: str
    rules: Tuple[Rule, ...]

    def __getitem__(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return any(r.id == rule_id for r in self.rules)

    @property
    def ids(self) -> Tuple[str, ...]:
        """The public ids of the rules, in catalogue order."""
        return tuple(r.id for r in self.rules)

    def __len__(self) -> int:
        return len(self.rules)


_rulebook: Optional[Rulebook] = None


def rulebook() -> Rulebook:
    """The built-in rulebook (static data; the same object on every call)."""
    global _rulebook
    if _rulebook is None:
        rb = _core.ek_rulebook_builtin()
        rules = []
        for i in range(_core.ek_rulebook_rule_count(rb)):
            (rid, name, title, desc, kind, st, co, ext, ext_text, nv) = check(_core.ek_rulebook_rule(rb, i))
            versions = []
            for k in range(nv):
                (vf, vt, lim, per, rep, pol, basis, cert, note) = check(_core.ek_rulebook_rule_version(rb, i, k))
                versions.append(RuleVersion(_date(vf), _date(vt), bool(lim),
                                            _period(per) if lim and pol is None else None,
                                            _period(rep) if rep[0] > 0 else None, pol, basis, cert, note))
            rules.append(Rule(name, rid, title, desc, _KINDS.get(kind, str(kind)),
                              tuple(x for x in (st or "").split("|") if x),
                              tuple(x for x in (co or "").split("|") if x),
                              _EXTENSIONS.get(ext), ext_text, tuple(versions)))
        _rulebook = Rulebook(_core.ek_rulebook_version(rb), tuple(rules))
    return _rulebook


# ---------------------------------------------------------------------------
# Obligations


@dataclass(frozen=True)
class Obligation:
    """One statutory time limit of a case at the as-of date."""
    rule: str
    sequence: int                  # recurring duties: 1, 2, … ; 0 otherwise
    status: str                    # met, late, pending, overdue, notapplicable, error
    flags: Tuple[str, ...]
    start: Optional[datetime.date]
    nominal: Optional[datetime.date]
    legal: Optional[datetime.date]
    judged: Optional[datetime.date]   # the end that judged the status (legal, or nominal when strict)
    done: Optional[datetime.date]
    original_nominal: Optional[datetime.date]
    start_event: Optional[int]
    done_event: Optional[int]
    extension_event: Optional[int]
    basis: str
    certainty: str
    valid_from: Optional[datetime.date]
    valid_to: Optional[datetime.date]
    message: str
    period: Optional[str] = None   # the period applied ("14d"), None when none was
    period_kind: str = "lag"       # who set it: "lag" (rolls over), "policy" or "faststalld_dag" (never rolled)
    policy_param: Optional[str] = None   # the policy parameter that gave the period, or None
    explain: Optional[Dict[str, Any]] = None   # evaluate(..., explain=True): the "explain" object of --explain

    @property
    def open(self) -> bool:
        """True for pending and overdue obligations."""
        return self.status in ("pending", "overdue")


_PERIOD_KINDS = ("lag", "policy", "faststalld_dag")


def _obligation(t: tuple, explain: Optional[Dict[str, Any]] = None) -> Obligation:
    (_rid, name, seq, st, flags, start, nominal, legal, judged, done, orig, se, de, xe, basis, cert, vf, vt,
     msg, period, kind, policy) = t
    return Obligation(name, seq, STATUSES[st - 1] if 1 <= st <= len(STATUSES) else "invalid",
                      tuple(FLAGS[b] for b in sorted(FLAGS) if flags & b),
                      _date(start), _date(nominal), _date(legal), _date(judged), _date(done), _date(orig),
                      se, de, xe, basis or "", cert or "", _date(vf), _date(vt), msg or "",
                      _period(period), _PERIOD_KINDS[kind] if 0 <= kind < len(_PERIOD_KINDS) else "lag", policy,
                      explain)


def _case_handle(case: Any) -> Any:
    h = getattr(case, "_handle", None)
    if h is None:
        raise TypeError(f"expected an egenkontroll.cases.Case, not {type(case).__name__}")
    return h


#: Orders of :func:`evaluate`: ``"rule"`` (catalogue order, then start date and
#: sequence: the order produced) and ``"urgency"`` (overdue with the oldest end
#: first, pending by legal end, then error, late, met, notapplicable).
ORDERS = {"rule": _core.EK_ORDER_RULE, "urgency": _core.EK_ORDER_URGENCY}


def _order(order: str) -> int:
    try:
        return ORDERS[order]
    except (KeyError, TypeError):
        raise ValueError(f'order must be "rule" or "urgency", not {order!r}') from None


def _evaluated(case: Any, as_of: Optional[DateLike], context: Optional[_Context], order: str) -> Any:
    """A C evaluation of ``case`` (owned by the caller: free with ek_evaluation_free)."""
    ctx = _context_object(context)
    _case_handle(case)  # TypeError for anything but a case
    sort = _order(order)
    ev = check(_core.ek_evaluation_new())
    try:
        with in_use(ctx, case) as (hctx, hcase):  # close() in another thread waits for the call
            check(_core.ek_evaluate_case(hctx, _core.ek_rulebook_builtin(), hcase, _as_of(as_of), ev))
        if sort != _core.EK_ORDER_RULE:
            check(_core.ek_evaluation_sort(ev, sort))
    except BaseException:
        _core.ek_evaluation_free(ev)
        raise
    return ev


def evaluate(case: Any, as_of: Optional[DateLike] = None, context: Optional[_Context] = None,
             order: str = "rule", explain: bool = False) -> List[Obligation]:
    """The obligations of ``case`` at ``as_of`` (default: today).

    ``context`` is an :class:`egenkontroll.Context` (policy and calendar); the
    default policy when None.  ``order`` is ``"rule"`` (catalogue order) or
    ``"urgency"`` (see :data:`ORDERS`).  With ``explain=True`` every
    obligation carries its explanation (:attr:`Obligation.explain`: the events
    used, the period and who set it, each day that moved the last day, the law
    version and the policy values — the ``explain`` object of ``egenkontroll
    evaluate --explain --format json``).  The obligations are plain values:
    they stay valid after the case is closed.  The evaluation runs in C.
    """
    ev = _evaluated(case, as_of, context, order)
    try:
        rows = _core.ek_py_evaluation_rows(ev)
        if not explain:
            return [_obligation(t) for t in rows]
        with in_use(_context_object(context), case) as (hctx, hcase):
            text = check(_core.ek_py_evaluation_explained_json(hctx, hcase, ev))
        objs = json.loads(text)["obligations"]
        return [_obligation(t, o.get("explain")) for t, o in zip(rows, objs)]
    finally:
        _core.ek_evaluation_free(ev)


def compare_policy(case: Any, other: _Context, as_of: Optional[DateLike] = None,
                   context: Optional[_Context] = None) -> List[Tuple[Optional[Obligation], Optional[Obligation]]]:
    """What changes for ``case`` if it is judged under the policy of ``other``
    instead of ``context`` (the default policy when None): the pairs
    ``(before, after)`` whose status differs, matched by rule, start event and
    sequence; ``None`` on a side where the obligation does not arise.  The
    board's question "what changes for our open cases if we judge against the
    nominal end?" (``egenkontroll evaluate --compare-policy``)."""
    a = _evaluated(case, as_of, context, "rule")
    try:
        b = _evaluated(case, as_of, other, "rule")
        try:
            pairs = check(_core.ek_py_evaluation_compare(a, b))
            ra, rb = _core.ek_py_evaluation_rows(a), _core.ek_py_evaluation_rows(b)
            return [(None if i is None else _obligation(ra[i]), None if j is None else _obligation(rb[j]))
                    for i, j in pairs]
        finally:
            _core.ek_evaluation_free(b)
    finally:
        _core.ek_evaluation_free(a)


def evaluate_json(case: Any, as_of: Optional[DateLike] = None, context: Optional[_Context] = None,
                  order: str = "rule") -> str:
    """The evaluation of ``case`` as the one JSON line ``egenkontroll evaluate
    --format json`` prints for it (``{"id": …, "as_of": …, "obligations": […]}``)."""
    ev = _evaluated(case, as_of, context, order)
    try:
        return check(_core.ek_evaluation_write_json(ev))
    finally:
        _core.ek_evaluation_free(ev)


def evaluation_error_json(case_id: Optional[str], message: str) -> str:
    """The ``{"id": …, "error": …}`` line ``egenkontroll evaluate --format json``
    prints for a line it could not read (``case_id`` None or empty: ``"id": null``);
    e.g. for a :class:`CaseError` from ``read_cases(..., errors="collect")``:
    ``evaluation_error_json(err.case_id, str(err))`` (the place and the message, as the tool writes)."""
    return check(_core.ek_evaluation_error_write_json(case_id or None, message))


def evaluate_many(cases: Iterable[Any], as_of: Optional[DateLike] = None, context: Optional[_Context] = None,
                  threads: int = 0, order: str = "rule") -> List[List[Obligation]]:
    """Evaluate many cases at once: one list of obligations per case, in the cases' order.

    The whole batch runs in C with the GIL released, on up to ``threads``
    threads (0 or 1: the calling thread).  The cases must not be changed
    meanwhile; other Python threads run while it works.
    """
    cases = list(cases)
    for c in cases:
        _case_handle(c)  # TypeError for anything but a case
    ctx = _context_object(context)
    day, sort = _as_of(as_of), _order(order)
    with in_use(ctx, *cases) as (hctx, *handles):  # close() in another thread waits for the call
        status, rows = _core.ek_py_evaluate_many(hctx, _core.ek_rulebook_builtin(), handles, day,
                                                 max(0, int(threads)), sort)
    check(status)
    return [[_obligation(t) for t in r] for r in rows]


@dataclass(frozen=True)
class FileEvaluation:
    """Every case of a file evaluated in C (:func:`evaluate_file`), as NumPy columns.

    ``case_ids[i]`` is the id of the i-th case read; ``errors`` the lines that could not be
    read (:class:`CaseError`, as ``read_cases(..., errors="collect")`` gives them).
    ``obligations`` maps a column name to a NumPy array with one item per obligation, in the
    order ``egenkontroll evaluate --format json`` writes them: ``case`` (int32, index into
    ``case_ids``), ``rule`` (int16 rule index; names in ``rule_names``), ``status`` (int8, an
    index into ``("", *STATUSES)``; names by :meth:`status_names`), ``flags`` (uint32 bits,
    :data:`FLAGS`), ``seq`` (uint32, 0 when not recurring) and ``start``, ``nominal``,
    ``legal``, ``judged``, ``done`` (``datetime64[D]``, NaT for none).
    """
    case_ids: List[str]
    errors: List[Any]
    obligations: Dict[str, Any]
    rule_names: Dict[int, str]

    def __len__(self) -> int:
        return len(self.obligations["case"])

    def status_names(self) -> Any:
        """The ``status`` column as names (a NumPy array of str)."""
        import numpy as np
        return np.array(("",) + STATUSES, dtype=object)[self.obligations["status"]]


def evaluate_file(path: Any, as_of: Optional[DateLike] = None, context: Optional[_Context] = None,
                  jobs: int = 1) -> FileEvaluation:
    """Read the ``egenkontroll/case-1`` file ``path`` and evaluate every case, all in C with the
    GIL released and without a Python object per event or obligation (issue 15): the results
    come back as NumPy arrays (:class:`FileEvaluation`).  The same obligations as
    ``evaluate(case)`` for each case ``read_cases(path, errors="collect")`` yields, in the
    file's order, whatever ``jobs``: the number of threads that read and evaluate (0 or 1: the
    calling thread; the library's ``ek_evaluate_stream()``, as ``egenkontroll evaluate --jobs``).
    Needs NumPy.  Raises the library's exception for a file that cannot be read,
    ``MemoryError``."""
    import os
    import numpy as np
    from .cases import CaseError
    ctx = _context_object(context)
    day = _as_of(as_of)
    with in_use(ctx) as (hctx,):
        status, ids, errs, cols = _core.ek_py_evaluate_file(hctx, _core.ek_rulebook_builtin(), os.fspath(path),
                                                            day, max(0, int(jobs)))
    check(status)
    dtypes = (("case", np.int32), ("rule", np.int16), ("status", np.int8), ("flags", np.uint32), ("seq", np.uint32),
              ("start", np.int64), ("nominal", np.int64), ("legal", np.int64), ("judged", np.int64),
              ("done", np.int64))
    columns = {}
    for (name, dt), raw in zip(dtypes, cols):
        a = np.frombuffer(raw, dtype=dt)
        columns[name] = a.view("datetime64[D]") if dt is np.int64 else a
    errors = [CaseError(m, st, src or "", line, col, cid or "", field or "", lang or "")
              for (m, st, src, line, col, cid, field, lang) in errs]
    return FileEvaluation(ids, errors, columns, {r.index: r.id for r in rulebook().rules})


def count_statuses(obligations: Iterable[Obligation]) -> Dict[str, int]:
    """How many obligations have each status (every status present, 0 when none)."""
    counts = dict.fromkeys(STATUSES, 0)
    for o in obligations:
        counts[o.status] = counts.get(o.status, 0) + 1
    return counts


def evaluate_annual(rule: str, year: int, done: Optional[DateLike] = None, as_of: Optional[DateLike] = None,
                    context: Optional[_Context] = None) -> Obligation:
    """Evaluate a board-level annual rule (``"forteckning_ivo"``: the register of
    children in family homes to IVO by 31 January of ``year``)."""
    rb = _core.ek_rulebook_builtin()
    index = check(_core.ek_rulebook_find(rb, rule))
    d = _NONE if done is None else _to_ek(done)
    return _obligation(check(_core.ek_evaluate_annual(_context(context), rb, index, int(year), d, _as_of(as_of))))
