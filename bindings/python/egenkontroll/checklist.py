"""The egenkontroll checklist: audit a case item by item, aggregate a sample, draw a sample.

>>> import egenkontroll as ek
>>> cl = ek.Checklist.builtin()
>>> [i.id for i in cl.items][:3]
['A1', 'A2', 'A3']
>>> with ek.Case("BU-1") as case:
...     _ = case.add_event("anmalan_mottagen", "2025-09-01")
...     _ = case.add_event("skyddsbedomning", "2025-09-03")
...     res = ek.check(case, as_of="2026-03-01")
>>> res["A1"].result
'fail'

Results use the XCCDF vocabulary (pass, fail, error, unknown, notapplicable,
notchecked, informational, …); nothing that could not be judged is ever
``pass``.  Judgement items take the reviewer's answers from the case's
``answers``.  :class:`Aggregate` counts results by the population model
(denominator, exclusions, exceptions, numerator, rate) and returns plain
:class:`ItemCounts`.  :func:`sample` draws the reproducible random sample of
``checklist.h`` (the same on every platform).  The predicate language of
checklist files is documented in docs/FORMATS-checklist.md.
"""
from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from ._errors import check as _checked
from ._handle import Handle
from .calendar import DateLike, _from_ek, _to_ek
from .context import Context as _Context, _context_handle, _context_object
from .rules import STATUSES
from ._handle import in_use

__all__ = [
    "Checklist", "Item", "Basis", "Delegation", "Evidence", "ItemResult", "CaseResult", "Aggregate", "ItemCounts",
    "check", "check_many", "audit", "wilson_interval", "MIN_JUDGED_DEFAULT", "sample", "sample_key", "sample_group", "sample_period", "sample_cases", "KINDS", "POPULATIONS",
    "TRUTHS", "ITEM_FLAGS",
]

_NONE = -(2 ** 63)
_ALL_GROUPS = 2 * sys.maxsize + 1   # (size_t)-1, EK_ALL_GROUPS
#: Item kinds by C value.
KINDS = {1: "D", 2: "C", 3: "J", 4: "C/J"}
#: Populations by C value.
POPULATIONS = {1: "case", 2: "sarah", 3: "run"}
#: Truth values by C value (0 = not evaluated).
TRUTHS = {0: None, 1: "true", 2: "false", 3: "error", 4: "unknown", 5: "notchecked", 6: "notapplicable"}
#: Item result flags: bit -> name (as in the JSON output).
ITEM_FLAGS = {1: "undantag", 2: "exkluderad", 4: "oppen_fraga", 8: "granskarsvar"}
_EVIDENCE_KINDS = {1: "event", 2: "obligation", 3: "answer"}
_OBL_STATUSES = {0: None, **{i: name for i, name in enumerate(STATUSES, start=1)}}


def _date(n: int) -> Optional[datetime.date]:
    return None if n == _NONE else _from_ek(n)


def _result_name(r: int) -> str:
    return _core.ek_result_name(r)


@dataclass(frozen=True)
class Basis:
    """One version of an item's legal basis."""
    reference: str
    valid_from: Optional[datetime.date]
    valid_to: Optional[datetime.date]
    certainty: str
    note: str

    def in_force(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Item:
    """A checklist item (DOMAIN.md §6)."""
    id: str
    title: str
    description: str
    kind: str            # "D", "C", "J" or "C/J"
    population: str      # "case", "sarah" or "run"
    origin: str          # "builtin" or the file that defined it
    seeds: str
    basis: Tuple[Basis, ...]

    def basis_on(self, day: DateLike) -> str:
        """The references in force on ``day`` joined by "; " (all of them when none is)."""
        d = _from_ek(_to_ek(day))
        refs = [b.reference for b in self.basis if b.in_force(d)] or [b.reference for b in self.basis]
        return "; ".join(refs)


class Checklist(Handle):
    """A checklist (immutable; may be shared by threads).  Create with :meth:`builtin`, :meth:`load` or
    :meth:`from_json`."""

    __slots__ = ("_items",)

    def __init__(self, ptr: Any):
        super().__init__(ptr, _core.ek_checklist_free)
        self._items: Optional[Tuple[Item, ...]] = None

    @classmethod
    def builtin(cls) -> "Checklist":
        """The built-in checklist: every item of DOMAIN.md §6."""
        return cls(_checked(_core.ek_checklist_new_builtin()))

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Checklist":
        """Load an ``egenkontroll/checklist-1`` file; errors name file, line, column, item and path."""
        return cls(_checked(_core.ek_checklist_load_json(os.fspath(path))))

    @classmethod
    def from_json(cls, text: str, name: str = "<string>") -> "Checklist":
        """Load an ``egenkontroll/checklist-1`` document from a string."""
        return cls(_checked(_core.ek_checklist_load_json_string(text.encode("utf-8"), name)))

    @staticmethod
    def builtin_json() -> str:
        """The built-in checklist's JSON text (to copy and extend)."""
        return _core.ek_checklist_builtin_json()

    @property
    def id(self) -> str:
        return _core.ek_checklist_id(self._handle)

    @property
    def version(self) -> str:
        return _core.ek_checklist_version(self._handle)

    @property
    def items(self) -> Tuple[Item, ...]:
        if self._items is None:
            h = self._handle
            items = []
            for i in range(_core.ek_checklist_item_count(h)):
                iid, title, desc, kind, pop, nbasis, origin, seeds = _checked(_core.ek_checklist_item(h, i))
                basis = []
                for k in range(nbasis):
                    ref, vf, vt, cert, note = _checked(_core.ek_checklist_item_basis(h, i, k))
                    basis.append(Basis(ref, _date(vf), _date(vt), cert or "", note or ""))
                items.append(Item(iid, title or "", desc or "", KINDS.get(kind, "?"), POPULATIONS.get(pop, "?"),
                                  origin or "", seeds or "", tuple(basis)))
            self._items = tuple(items)
        return self._items

    def __getitem__(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"<Checklist {self.id} {self.version}: {len(self)} items>" if not self.closed else "<Checklist closed>"


class Delegation(Handle):
    """A delegation order (item C1): decision type -> roles allowed to take it."""

    __slots__ = ()

    def __init__(self, ptr: Any):
        super().__init__(ptr, _core.ek_delegation_free)

    @classmethod
    def new(cls, beslut: Mapping[str, Iterable[str]], kommun: Optional[str] = None) -> "Delegation":
        """Build an order from a mapping such as ``{"beslut_vard": ["utskott", "namnd"]}``."""
        d = cls(_checked(_core.ek_delegation_new(kommun)))
        for typ, roles in beslut.items():
            _checked(_core.ek_delegation_add_type(d._handle, typ))
            for role in roles:
                _checked(_core.ek_delegation_allow(d._handle, typ, role))
        return d

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Delegation":
        """Load an ``egenkontroll/delegation-1`` file."""
        return cls(_checked(_core.ek_delegation_load_json(os.fspath(path))))

    @classmethod
    def from_json(cls, text: str, name: str = "<string>") -> "Delegation":
        return cls(_checked(_core.ek_delegation_load_json_string(text.encode("utf-8"), name)))

    @property
    def kommun(self) -> Optional[str]:
        return _core.ek_delegation_kommun(self._handle)

    def allowed(self, decision_type: str, role: str) -> Optional[bool]:
        """True/False, or None when the type is not in the order (not checked)."""
        res = _core.ek_delegation_check(self._handle, decision_type, role)
        if res[0] == _core.EK_ENOTFOUND:
            return None
        return bool(_checked(res))

    def as_dict(self) -> Dict[str, List[str]]:
        h = self._handle
        out: Dict[str, List[str]] = {}
        for k in range(_core.ek_delegation_type_count(h)):
            typ, n = _checked(_core.ek_delegation_type(h, k))
            out[typ] = [_checked(_core.ek_delegation_role(h, k, j)) for j in range(n)]
        return out


@dataclass(frozen=True)
class Evidence:
    """What an item result rests on: an event, an obligation or a reviewer's answer."""
    kind: str                            # "event", "obligation", "answer"
    value: Optional[str]                 # the truth value of the predicate that cited it
    event_index: Optional[int]
    event_type: Optional[str]
    date: Optional[datetime.date]        # event date, obligation's judged end, answer date
    rule: Optional[str] = None
    sequence: int = 0
    status: Optional[str] = None         # obligation status
    note: str = ""


@dataclass(frozen=True)
class ItemResult:
    """The result of one item for one case."""
    item: str
    result: str                          # XCCDF name
    message: str                         # Swedish, for a caseworker
    basis: str                           # legal basis in force on basis_date
    basis_date: Optional[datetime.date]
    criterion: Optional[str]             # truth value of the criterion, None when not evaluated
    flags: Tuple[str, ...]
    evidence: Tuple[Evidence, ...] = field(default=())


@dataclass(frozen=True)
class CaseResult:
    """Every item result of one case (plain values, valid after the case is closed)."""
    id: str
    unit: str
    as_of: Optional[datetime.date]
    case_date: Optional[datetime.date]
    checklist_version: str
    results: Tuple[ItemResult, ...]
    json: str

    def __getitem__(self, item_id: str) -> ItemResult:
        for r in self.results:
            if r.item == item_id:
                return r
        raise KeyError(item_id)

    def failures(self) -> List[ItemResult]:
        return [r for r in self.results if r.result == "fail"]


def _case_handle(case: Any) -> Any:
    h = getattr(case, "_handle", None)
    if h is None:
        raise TypeError(f"expected an egenkontroll.cases.Case, not {type(case).__name__}")
    return h


def _plain(res: Any) -> CaseResult:
    rows = []
    for k in range(_core.ek_checklist_result_count(res)):
        _, item, result, crit, flags, msg, basis, bdate, nev = _checked(_core.ek_checklist_result_item(res, k))
        ev = []
        for j in range(nev):
            kind, value, ei, etype, date, rule, seq, st, _oi, note = _checked(_core.ek_checklist_result_evidence(res, k, j))
            ev.append(Evidence(_EVIDENCE_KINDS.get(kind, "?"), TRUTHS.get(value), ei, etype, _date(date), rule, seq,
                               _OBL_STATUSES.get(st), note or ""))
        rows.append(ItemResult(item, _result_name(result), msg or "", basis or "", _date(bdate), TRUTHS.get(crit),
                               tuple(n for b, n in ITEM_FLAGS.items() if flags & b), tuple(ev)))
    cl = _core.ek_checklist_result_checklist(res)
    return CaseResult(_core.ek_checklist_result_case_id(res), _core.ek_checklist_result_unit(res),
                      _date(_core.ek_checklist_result_as_of(res)), _date(_core.ek_checklist_result_case_date(res)),
                      _core.ek_checklist_version(cl) if cl is not None else "", tuple(rows),
                      _checked(_core.ek_checklist_result_write_json(res)))


_BUILTIN: Optional[Checklist] = None


def _builtin() -> Checklist:
    global _BUILTIN
    if _BUILTIN is None or _BUILTIN.closed:
        _BUILTIN = Checklist.builtin()
    return _BUILTIN


def check(case: Any, as_of: Optional[DateLike] = None, checklist: Optional[Checklist] = None,
          delegation: Optional[Delegation] = None, context: Optional[_Context] = None,
          answers: Any = None) -> CaseResult:
    """Audit ``case`` against ``checklist`` (default: the built-in one) at ``as_of`` (default: today).

    ``delegation`` is the order for item C1 (without it C1 is ``notchecked``);
    ``context`` gives the policy and calendar; ``answers`` reviewers' answers
    kept apart from the case (an :class:`~egenkontroll.answers.Answers`, or
    granskning-1 / xlsx paths): for one item the later of the case's own
    answer and the set's counts.  The evaluation runs in C with the GIL
    released.
    """
    from .answers import load_answers
    cl = checklist if checklist is not None else _builtin()
    day = _to_ek(datetime.date.today() if as_of is None else as_of)
    ans = load_answers(answers)
    res = _checked(_core.ek_checklist_result_new())
    try:
        _case_handle(case)  # TypeError for anything but a case
        # close() of any of these in another thread waits until the call has returned
        with in_use(_context_object(context), cl, case, delegation, ans) as (hctx, hcl, hcase, hdel, hans):
            _checked(_core.ek_checklist_evaluate_answers(hctx, hcl, hcase, hdel, hans, day, res))
            # the results borrow the checklist's strings: read them before close() may free it
            return _plain(res)
    finally:
        _core.ek_checklist_result_free(res)
        if ans is not None and ans is not answers:
            ans.close()


#: Another name for :func:`check`.
audit = check


def _evidence(t: tuple) -> Evidence:
    kind, value, ei, etype, date, rule, seq, st, _oi, note = t
    return Evidence(_EVIDENCE_KINDS.get(kind, "?"), TRUTHS.get(value), ei, etype, _date(date), rule, seq,
                    _OBL_STATUSES.get(st), note or "")


def _check_many_rows(cases: Sequence[Any], as_of: Optional[DateLike], checklist: Optional[Checklist],
                     delegation: Optional[Delegation], context: Optional[_Context], threads: int,
                     with_json: bool) -> Tuple[Checklist, List[tuple]]:
    """The raw tuples of ek_py_check_many (see bindings/checklist.i) for ``cases``."""
    cl = checklist if checklist is not None else _builtin()
    day = _to_ek(datetime.date.today() if as_of is None else as_of)
    for c in cases:
        _case_handle(c)  # TypeError for anything but a case
    with in_use(_context_object(context), cl, delegation, *cases) as (hctx, hcl, hdel, *handles):
        status, rows = _core.ek_py_check_many(hctx, hcl, handles, hdel, day, max(0, int(threads)),
                                              1 if with_json else 0)
    _checked(status)
    return cl, rows


def check_many(cases: Iterable[Any], as_of: Optional[DateLike] = None, checklist: Optional[Checklist] = None,
               delegation: Optional[Delegation] = None, context: Optional[_Context] = None,
               threads: int = 0) -> List[CaseResult]:
    """:func:`check` for many cases at once: one :class:`CaseResult` per case, in the cases' order.

    The whole batch runs in C with the GIL released (ek_checklist_evaluate_cases), on up to
    ``threads`` threads (0 or 1: the calling thread), as :func:`~egenkontroll.evaluate_many` does
    for deadlines.  The cases must not be changed meanwhile.
    """
    cases = list(cases)
    cl, rows = _check_many_rows(cases, as_of, checklist, delegation, context, threads, True)
    version = cl.version
    out = []
    for cid, unit, as_of_n, case_date, js, items in rows:
        results = tuple(ItemResult(item, _result_name(result), msg or "", basis or "", _date(bdate),
                                   TRUTHS.get(crit), tuple(n for b, n in ITEM_FLAGS.items() if flags & b),
                                   tuple(_evidence(e) for e in ev))
                        for item, result, crit, flags, msg, basis, bdate, ev in items)
        out.append(CaseResult(cid or "", unit or "", _date(as_of_n), _date(case_date), version, results, js or ""))
    return out


@dataclass(frozen=True)
class ItemCounts:
    """Counts of one item by the population model (see checklist.h, ek_item_counts)."""
    item: str
    total: int
    notapplicable: int
    denominator: int
    exclusions: int
    exceptions: int
    numerator: int
    failed: int
    fixed: int
    notchecked: int
    error: int
    unknown: int
    informational: int
    notselected: int
    judged: int
    rate: Optional[float]      # numerator / judged; None when nothing was judged
    rate_low: Optional[float] = None    # 95 % Wilson interval of the rate (the library's ek_wilson_interval)
    rate_high: Optional[float] = None
    uncertain: bool = True     # judged < the minimum (MIN_JUDGED_DEFAULT; the report uses minsta_underlag)


#: Fewest judged cases for a certain rate unless the policy's ``minsta_underlag`` says otherwise.
MIN_JUDGED_DEFAULT: int = _core.EK_MIN_JUDGED_DEFAULT


def wilson_interval(k: int, n: int) -> Tuple[float, float]:
    """The 95 % Wilson score interval of ``k`` passed among ``n`` judged, computed by the library
    (``ek_wilson_interval``): ``wilson_interval(8, 10)`` is about (0.4902, 0.9433).  ``n`` must be > 0
    and ``k`` ≤ ``n`` (else :class:`~egenkontroll.InvalidArgumentError`)."""
    lo, hi = _checked(_core.ek_wilson_interval(k, n))
    return lo, hi


class Aggregate(Handle):
    """Item results over a sample, by unit and period."""

    __slots__ = ("_checklist",)

    def __init__(self, checklist: Optional[Checklist] = None):
        cl = checklist if checklist is not None else _builtin()
        super().__init__(_checked(_core.ek_checklist_aggregate_new(cl._handle)), _core.ek_checklist_aggregate_free,
                         parent=cl)
        self._checklist = cl

    def add(self, result: CaseResult, period: str = "") -> None:
        """Add every item result of one case under its unit and ``period`` (a label such as "2025")."""
        for r in result.results:
            flags = sum(b for b, n in ITEM_FLAGS.items() if n in r.flags)
            rc = _core.ek_result_from_name(r.result)
            _checked(_core.ek_checklist_aggregate_add_result(self._handle, r.item, result.unit, period,
                                                             _checked(rc), flags))

    def add_result(self, item: str, result: str, unit: str = "", period: str = "", flags: Iterable[str] = ()) -> None:
        """Add one result of an item not evaluated per case (E1, E2 per lex Sarah record; F1 per run)."""
        bits = sum(b for b, n in ITEM_FLAGS.items() if n in set(flags))
        _checked(_core.ek_checklist_aggregate_add_result(self._handle, item, unit, period,
                                                         _checked(_core.ek_result_from_name(result)), bits))

    @property
    def groups(self) -> List[Tuple[str, str]]:
        h = self._handle
        return [tuple(_checked(_core.ek_checklist_aggregate_group(h, g)))  # type: ignore[misc]
                for g in range(_core.ek_checklist_aggregate_group_count(h))]

    def counts(self, unit: Optional[str] = None, period: Optional[str] = None) -> Dict[str, ItemCounts]:
        """Counts per item id, over every group, or over the groups matching ``unit`` / ``period``."""
        h = self._handle
        groups = self.groups
        want = [g for g, (u, p) in enumerate(groups) if (unit is None or u == unit) and (period is None or p == period)]
        out: Dict[str, ItemCounts] = {}
        for i, it in enumerate(self._checklist.items):
            sums = [0] * 14
            sel = [_ALL_GROUPS] if unit is None and period is None else want
            for g in sel:
                t = _checked(_core.ek_checklist_aggregate_counts(h, i, g))
                for k in range(14):
                    sums[k] += t[1 + k]
            judged = sums[13]
            lo, hi = wilson_interval(sums[5], judged) if judged else (None, None)
            out[it.id] = ItemCounts(it.id, *sums, rate=(sums[5] / judged) if judged else None, rate_low=lo,
                                    rate_high=hi, uncertain=judged < MIN_JUDGED_DEFAULT)
        return out


def sample_key(seed: int, case_id: str) -> int:
    """The sampling key of a case (checklist.h: FNV-1a 64 + SplitMix64; the same on every platform)."""
    return _core.ek_sample_key(seed, case_id)


def sample(ids: Sequence[str], n: int, seed: int, groups: Optional[Sequence[str]] = None) -> List[str]:
    """The ids of a reproducible random sample: per group (all one group when None), the ``n`` ids with the
    smallest :func:`sample_key`, in input order."""
    sel = _core.ek_py_sample_select(list(ids), list(groups) if groups is not None else None, n, seed)
    return [i for i, s in zip(ids, sel) if s]


def sample_group(case: Any, period: str = "year") -> str:
    """The sampling group of a case (checklist.h ``ek_sample_group``): "<unit>|<period of its first event>",
    e.g. "Barn och unga Norr|2025"; ``period`` is "year", "half", "quarter", "month" or "all"."""
    return _core.ek_py_sample_group(_case_handle(case), period)


def sample_period(date: Optional[DateLike], period: str = "year") -> str:
    """The period label of a date (checklist.h ``ek_sample_period_label``), the end of :func:`sample_group`:
    "2025", "2025-H2", "2025-Q3", "2025-09", or "" for ``period="all"`` and for ``None``; ``period`` is "year",
    "half", "quarter", "month" or "all" (another raises ValueError).  ``egenkontroll check`` files each case under
    the period of its first event this way (the ``period`` of :meth:`Aggregate.add`)."""
    return _core.ek_py_sample_period_label(getattr(_core, "EK_DATE_NONE", -(2 ** 63)) if date is None else _to_ek(date),
                                           period)


def sample_cases(cases: Any, n: int, seed: int = 1, period: str = "year", unit: Optional[str] = None,
                 date_from: Optional[DateLike] = None, date_to: Optional[DateLike] = None) -> List[str]:
    """The ids that ``egenkontroll check --sample n --seed seed --sample-period period`` and ``egenkontroll
    review`` (with ``--unit``, ``--from``, ``--to``) draw from ``cases`` (paths or
    :class:`~egenkontroll.cases.Case` objects), in input order: at most ``n`` per :func:`sample_group`, the
    smallest :func:`sample_key` first (docs/FORMATS-checklist.md, "Reproducible sampling")."""
    from .cases import read_cases
    lo = _from_ek(_to_ek(date_from)) if date_from is not None else None
    hi = _from_ek(_to_ek(date_to)) if date_to is not None else None
    ids: List[str] = []
    groups: List[str] = []
    items = [cases] if isinstance(cases, (str, os.PathLike)) or hasattr(cases, "_handle") else list(cases)
    for src in items:
        own = not hasattr(src, "_handle")
        it = read_cases(src, errors="collect") if own else [src]
        for c in it:
            if not hasattr(c, "_handle"):
                continue  # a line the reader rejects is not in the population (as in the tool)
            first = min((e.date for e in c.events), default=None)
            keep = (unit is None or (c.unit or "") == unit) and \
                ((lo is None and hi is None) or (first is not None and (lo is None or first >= lo) and
                                                  (hi is None or first <= hi)))
            if keep:
                ids.append(c.id)
                groups.append(sample_group(c, period))
            if own:
                c.close()
    return sample(ids, n, seed, groups)


def write_run_record(path: Optional[Union[str, "os.PathLike[str]"]], aggregate: Aggregate, *,
                     as_of: DateLike, reviewer: Optional[str] = None, made: Optional[DateLike] = None,
                     case_files: Sequence[Union[str, "os.PathLike[str]"]] = (),
                     answer_files: Sequence[Union[str, "os.PathLike[str]"]] = (),
                     checklist_file: Optional[Union[str, "os.PathLike[str]"]] = None,
                     policy_file: Optional[Union[str, "os.PathLike[str]"]] = None,
                     delegation_file: Optional[Union[str, "os.PathLike[str]"]] = None,
                     sarah_file: Optional[Union[str, "os.PathLike[str]"]] = None,
                     results: Sequence[CaseResult] = (), audited: Optional[int] = None, rejected: int = 0,
                     sample: Optional[Mapping[str, Any]] = None, actions: Sequence[str] = (),
                     add_f1: bool = True) -> Tuple[str, Optional[str]]:
    """Write the run record ``egenkontroll/run-1`` of item F1 (docs/formats.md), as ``egenkontroll check
    --record`` does, through the library (``ek_run_record_write_file``): who (``reviewer``, a role), when
    (``made``, default today), ``as_of``, the checklist of ``aggregate``, the files read (each with its sha256,
    computed now), the ``sample`` (a mapping with ``n``, ``seed``, ``period``, ``read`` and ``ids``, as drawn by
    :func:`sample_cases`), every case's ``results`` (:class:`CaseResult`; ``audited`` defaults to their number),
    and the follow-up ``actions`` decided.  With ``add_f1`` the F1 result is first added to ``aggregate``: pass
    when an action is documented, else notchecked.  ``path`` None writes nothing and returns the text.
    Returns ``(F1 result name, text or None)``; raises :class:`~egenkontroll.LibraryIOError` naming a file
    that cannot be read or written."""
    def opt(p: Any) -> Optional[str]:
        return None if p is None else os.fspath(p)
    smp = dict(sample) if sample is not None else {}
    texts = (reviewer, opt(checklist_file), opt(policy_file), opt(delegation_file), opt(sarah_file),
             smp.get("period", "year") if sample is not None else None)
    lists = ([os.fspath(f) for f in case_files], [os.fspath(f) for f in answer_files], list(smp.get("ids", ())),
             [r.json for r in results], [str(a) for a in actions])
    nums = (_to_ek(made) if made is not None else _NONE, _to_ek(as_of), int(smp.get("n", 0)),
            int(smp.get("seed", 0)), int(smp.get("read", 0)), len(results) if audited is None else int(audited),
            int(rejected))
    if sample is not None and nums[2] <= 0:
        raise ValueError("sample['n'] must be a positive number")
    out = _core.ek_py_run_record_write(aggregate._checklist._handle, aggregate._handle, texts, tuple(lists), nums,
                                       1 if add_f1 else 0, None if path is None else os.fspath(path))
    text, f1 = _checked(out)
    return _result_name(f1), text
