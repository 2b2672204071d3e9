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
import threading
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Sequence, Tuple, Union

from . import _core
from ._errors import check
from ._handle import Handle

__all__ = [
    "Context", "Rulebook", "Rule", "RuleVersion", "Obligation",
    "rulebook", "evaluate", "evaluate_many", "evaluate_annual",
    "STATUSES", "FLAGS",
]

_NONE = -(2 ** 63)
_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
_UNITS = {1: "d", 2: "w", 3: "m", 4: "y", 5: "wd"}
_KINDS = {1: "single", 2: "recurring", 3: "annual"}
_EXTENSIONS = {0: None, 1: "synnerliga_skal", 2: "new_end_date", 3: "sarskilda_skal", 4: "court"}

#: Status names in the order of the C enum (1 …).
STATUSES = ("met", "late", "pending", "overdue", "notapplicable", "error")
#: Flag bit -> name.
FLAGS = {1 << i: _core.ek_obligation_flag_name(1 << i) for i in range(11)}

DateLike = Union[datetime.date, str]


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
# Context


class Context(Handle):
    """Calendar and policy for evaluations (a C ``ek_context``).

    ``Context(policy={"bedom_mot": "nominal"}, policy_file="policy.json")``
    sets policy parameters (see ``egenkontroll policy``).  Configure it, then
    share it freely between threads.
    """

    __slots__ = ()

    def __init__(self, policy: Optional[dict] = None, policy_file: Optional[str] = None):
        super().__init__(check(_core.ek_context_new()), _core.ek_context_free)
        if policy_file is not None:
            check(_core.ek_policy_load_json(_core.ek_context_policy(self._handle), str(policy_file)))
        for name, value in (policy or {}).items():
            self.set_policy(name, value)

    def set_policy(self, name: str, value: str) -> None:
        """Set one policy parameter, e.g. ``set_policy("besok_intervall", "1m")``."""
        check(_core.ek_policy_set(_core.ek_context_policy(self._handle), name, str(value)))

    def policy(self, name: str) -> str:
        """The current value of a policy parameter as text."""
        return check(_core.ek_policy_get(_core.ek_context_policy(self._handle), name))


_default_lock = threading.Lock()
_default_ctx: Optional[Context] = None


def _context(ctx: Any) -> Any:
    global _default_ctx
    if ctx is None:
        with _default_lock:
            if _default_ctx is None:
                _default_ctx = Context()
            ctx = _default_ctx
    return ctx._handle


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

    def __iter__(self):
        return iter(self.rules)

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

    @property
    def open(self) -> bool:
        """True for pending and overdue obligations."""
        return self.status in ("pending", "overdue")


def _obligation(t: tuple) -> Obligation:
    (_rid, name, seq, st, flags, start, nominal, legal, judged, done, orig, se, de, xe, basis, cert, vf, vt,
     msg) = t
    return Obligation(name, seq, STATUSES[st - 1] if 1 <= st <= len(STATUSES) else "invalid",
                      tuple(FLAGS[b] for b in sorted(FLAGS) if flags & b),
                      _date(start), _date(nominal), _date(legal), _date(judged), _date(done), _date(orig),
                      se, de, xe, basis or "", cert or "", _date(vf), _date(vt), msg or "")


def _case_handle(case: Any) -> Any:
    h = getattr(case, "_handle", None)
    if h is None:
        raise TypeError(f"expected an egenkontroll.cases.Case, not {type(case).__name__}")
    return h


def evaluate(case: Any, as_of: Optional[DateLike] = None, context: Optional[Any] = None) -> List[Obligation]:
    """The obligations of ``case`` at ``as_of`` (default: today), in catalogue order.

    ``context`` is a :class:`Context` (policy); the default policy when None.
    The evaluation itself runs in C with the GIL released.
    """
    ctx = _context(context)
    ev = check(_core.ek_evaluation_new())
    try:
        check(_core.ek_evaluate_case(ctx, _core.ek_rulebook_builtin(), _case_handle(case), _as_of(as_of), ev))
        return [_obligation(t) for t in _core.ek_py_evaluation_rows(ev)]
    finally:
        _core.ek_evaluation_free(ev)


def evaluate_many(cases: Iterable[Any], as_of: Optional[DateLike] = None, context: Optional[Any] = None,
                  threads: int = 0) -> List[List[Obligation]]:
    """Evaluate many cases at once: one list of obligations per case.

    The whole batch runs in C with the GIL released, on up to ``threads``
    threads (0 or 1: one thread).  The cases must not be changed meanwhile.
    """
    cases = list(cases)
    handles = [_case_handle(c) for c in cases]
    ctx = _context(context)
    status, rows = _core.ek_py_evaluate_many(ctx, _core.ek_rulebook_builtin(), handles, _as_of(as_of),
                                             max(0, int(threads)))
    check(status)
    return [[_obligation(t) for t in r] for r in rows]


def evaluate_annual(rule: str, year: int, done: Optional[DateLike] = None, as_of: Optional[DateLike] = None,
                    context: Optional[Any] = None) -> Obligation:
    """Evaluate a board-level annual rule (``"forteckning_ivo"``: the register of
    children in family homes to IVO by 31 January of ``year``)."""
    rb = _core.ek_rulebook_builtin()
    index = check(_core.ek_rulebook_find(rb, rule))
    d = _NONE if done is None else _to_ek(done)
    return _obligation(check(_core.ek_evaluate_annual(_context(context), rb, index, int(year), d, _as_of(as_of))))
