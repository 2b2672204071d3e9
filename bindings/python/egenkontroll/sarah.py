"""Lex Sarah deviation records: lifecycle, history, time limits (E1), content (E2), register summary.

A record follows the process report → registered → under investigation →
seriousness assessed → reported to IVO → closed (SoL (2025:400) 27 kap.
2-6 §§, SoL (2001:453) 14 kap. 3-7 §§, SOSFS 2011:5).  Every change names who
made it and when (``who=``, ``when=``) and is kept as a history entry; once
the record has been reported to IVO the content of that report is frozen
(:class:`~egenkontroll.StateError`) and only amendments can be added.

>>> r = Record.new("LS-1", "missforhallande", "2025-09-01")
>>> r.transition("registrerad", "2025-09-01", who="registrator", when="2025-09-01")
>>> r.state
'registrerad'
>>> ev = r.evaluate(as_of="2025-09-30")
>>> ev.e1.result
'fail'
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from . import _core
from ._errors import EgenkontrollError, check, format_error
from ._handle import Handle
from .calendar import DateLike, _from_ek, _to_ek
from .context import Context, _context_handle, _context_object
from ._handle import in_use

__all__ = [
    "Record", "Measure", "HistoryEntry", "Item", "Limit", "Evaluation", "Summary", "RecordError",
    "LimitInfo", "LimitVersion", "limits", "read_records", "STATES", "DATE_FIELDS", "ELEMENTS", "TEXT_FIELDS",
]

_NONE = -(2 ** 63)

STATES = ("rapporterad", "registrerad", "under_utredning", "bedomd", "anmald_ivo", "avslutad")
DATE_FIELDS = tuple(_core.ek_sarah_date_field_name(i) for i in range(_core.ek_sarah_date_field_count()))
ELEMENTS = tuple(_core.ek_sarah_element_name(i) for i in range(_core.ek_sarah_element_count()))
TEXT_FIELDS = tuple(_core.ek_sarah_text_field_name(i) for i in range(_core.ek_sarah_text_field_count()))
_TYPS = {"missforhallande": _core.EK_SARAH_TYP_MISSFORHALLANDE, "pataglig_risk": _core.EK_SARAH_TYP_PATAGLIG_RISK}
_RESULTS = {getattr(_core, n): n[len("EK_RESULT_"):].lower() for n in dir(_core) if n.startswith("EK_RESULT_")}
_LIMIT_KINDS = {1: "sarah_registrering", 2: "sarah_utredning_inledd", 3: "sarah_anmalan_ivo",
                4: "sarah_utredning_till_ivo", 5: "sarah_atgard"}


def _d(n: int) -> Optional[datetime.date]:
    return None if n == _NONE else _from_ek(n)


def _ek_opt(d: Optional[DateLike]) -> int:
    return _NONE if d is None else _to_ek(d)


def _tri_in(v: Optional[bool]) -> int:
    return _core.EK_SARAH_UNKNOWN if v is None else (_core.EK_SARAH_YES if v else _core.EK_SARAH_NO)


def _tri_out(v: int) -> Optional[bool]:
    return None if v == _core.EK_SARAH_UNKNOWN else v == _core.EK_SARAH_YES


def _index(names: Tuple[str, ...], name: str, what: str) -> int:
    try:
        return names.index(name)
    except ValueError:
        raise ValueError(f"unknown {what} {name!r}; expected one of {', '.join(names)}") from None


def _bits(mask: int) -> List[str]:
    return [ELEMENTS[i] for i in range(len(ELEMENTS)) if mask & (1 << i)]


@dataclass(frozen=True)
class Measure:
    """A measure (åtgärd): what, owner's role, due date, date done."""
    beskrivning: str
    ansvarig: Optional[str] = None
    senast: Optional[datetime.date] = None
    genomford: Optional[datetime.date] = None


@dataclass(frozen=True)
class HistoryEntry:
    """One change: ``kind`` is "andring" or "komplettering" (an amendment to the IVO report)."""
    kind: str
    date: datetime.date
    who: str
    field: str
    old: Optional[str]
    new: Optional[str]


@dataclass(frozen=True)
class Item:
    """Item E1 or E2 for one record; ``missing``/``unknown`` name E2's elements."""
    item: str
    result: str
    basis: str
    message: str
    missing: List[str] = field(default_factory=list)
    unknown: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Limit:
    """One evaluated time limit with its evidence and legal basis."""
    id: str
    result: str
    measure: Optional[int]
    start: Optional[datetime.date]
    nominal: Optional[datetime.date]
    legal: Optional[datetime.date]
    done: Optional[datetime.date]
    period: Optional[str]
    policy: Optional[str]
    basis: str
    basis_old: str
    basis_new: str
    certainty: str
    message: str
    period_kind: Optional[str] = None   # "lag", "policy" or "faststalld_dag" (from the limit table)


@dataclass(frozen=True)
class LimitVersion:
    """One law version of a lex Sarah limit: its basis and certainty while in force."""
    valid_from: datetime.date
    valid_to: Optional[datetime.date]
    basis: str
    certainty: str

    def in_force(self, day: DateLike) -> bool:
        """True when this version applies on ``day``."""
        d = _from_ek(_to_ek(day))
        return self.valid_from <= d and (self.valid_to is None or d <= self.valid_to)


@dataclass(frozen=True)
class LimitInfo:
    """One entry of the lex Sarah limit table (``ek_sarah_limit_at``): what the limit is counted from
    (``start``), what completes it (``done``), when it applies, who set its time (``period_kind``: "lag",
    "policy" or "faststalld_dag"), the policy parameter, the statute's words and the law versions."""
    id: str
    start: str
    done: str
    applies: str
    period_kind: str
    policy: Optional[str]
    words: str
    versions: Tuple[LimitVersion, ...]

    def version_on(self, day: DateLike) -> Optional[LimitVersion]:
        """The version in force on ``day``, or None."""
        for v in self.versions:
            if v.in_force(day):
                return v
        return None


_limits: Optional[Tuple[LimitInfo, ...]] = None


def limits() -> Tuple[LimitInfo, ...]:
    """The lex Sarah limit table, in the order of the limits in an evaluation (static; cached)."""
    global _limits
    if _limits is None:
        out = []
        for i in range(_core.ek_sarah_limit_count()):
            (kind, name, start, done, applies, pkind, policy, words, nver) = check(_core.ek_sarah_limit_at(i))
            versions = []
            for k in range(nver):
                (vf, vt, basis, cert) = check(_core.ek_sarah_limit_version(i, k))
                versions.append(LimitVersion(_from_ek(vf), _d(vt), basis, cert))
            out.append(LimitInfo(name, start, done, applies, _core.ek_period_kind_name(pkind), policy, words,
                                 tuple(versions)))
        _limits = tuple(out)
    return _limits


class Evaluation(Handle):
    """The evaluation of one record (:meth:`Record.evaluate`)."""

    __slots__ = ()

    def __init__(self, ptr: Any):
        super().__init__(ptr, _core.ek_sarah_result_free)

    @property
    def id(self) -> str:
        return _core.ek_sarah_result_id(self._handle)

    @property
    def state(self) -> str:
        return _core.ek_sarah_state_name(_core.ek_sarah_result_state(self._handle))

    def _item(self, k: int) -> Item:
        item, result, basis, message, missing, unknown = check(_core.ek_sarah_result_item(self._handle, k))
        return Item(item, _RESULTS[result], basis, message, _bits(missing), _bits(unknown))

    @property
    def e1(self) -> Item:
        """Item E1: the time limits."""
        return self._item(_core.EK_SARAH_ITEM_E1)

    @property
    def e2(self) -> Item:
        """Item E2: the nine elements of the investigation (SOSFS 2011:5 5 kap.)."""
        return self._item(_core.EK_SARAH_ITEM_E2)

    @property
    def limits(self) -> List[Limit]:
        out = []
        for k in range(_core.ek_sarah_result_limit_count(self._handle)):
            (kind, name, mi, result, start, nominal, legal, done, period, policy, basis, bold, bnew, cert,
             msg) = check(_core.ek_sarah_result_limit(self._handle, k))
            kinds = {info.id: info.period_kind for info in limits()}
            out.append(Limit(name, _RESULTS[result], mi if kind == 5 else None, _d(start), _d(nominal), _d(legal),
                             _d(done), period, policy, basis, bold, bnew, cert, msg, kinds.get(name)))
        return out

    def to_json(self) -> str:
        """The JSON line `egenkontroll sarah --format json` prints for this record."""
        return check(_core.ek_sarah_result_write_json(self._handle))


class Record(Handle):
    """A lex Sarah record.  Build one with :meth:`new` or :meth:`from_json`, or read a register
    with :func:`read_records`."""

    __slots__ = ()

    def __init__(self, ptr: Any):
        super().__init__(ptr, _core.ek_sarah_record_free)

    # -- creating -------------------------------------------------------------------------
    @classmethod
    def new(cls, id: str, typ: str, rapport: DateLike) -> "Record":
        """A new record in state "rapporterad" (``typ``: "missforhallande" or "pataglig_risk")."""
        if typ not in _TYPS:
            raise ValueError(f"typ must be one of {', '.join(_TYPS)}, not {typ!r}")
        return cls(check(_core.ek_sarah_record_new(id, _TYPS[typ], _to_ek(rapport))))

    @classmethod
    def from_json(cls, text: Union[str, bytes], name: Optional[str] = None) -> "Record":
        """Read one ``egenkontroll/avvikelse-1`` object; raises with file/column/field on error."""
        return cls(check(_core.ek_sarah_read_json(text, name)))

    def to_json(self) -> str:
        """One JSON line (history and unknown keys included; reads back to the same record)."""
        return check(_core.ek_sarah_write_json(self._handle))

    def clone(self) -> "Record":
        return Record(check(_core.ek_sarah_record_clone(self._handle)))

    def validate(self) -> None:
        """Raise :class:`~egenkontroll.ConflictError` when the dates break the process order."""
        check(_core.ek_sarah_record_validate(self._handle))

    # -- reading ------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return _core.ek_sarah_record_id(self._handle)

    @property
    def typ(self) -> str:
        return _core.ek_sarah_typ_name(_core.ek_sarah_record_typ(self._handle))

    @property
    def state(self) -> str:
        return _core.ek_sarah_state_name(_core.ek_sarah_record_state(self._handle))

    def date(self, name: str) -> Optional[datetime.date]:
        """A process date by its format name ("rapport", "bedomd", …), or None."""
        return _d(_core.ek_sarah_record_date(self._handle, _index(DATE_FIELDS, name, "date field")))

    @property
    def dates(self) -> Dict[str, datetime.date]:
        return {n: d for n in DATE_FIELDS if (d := self.date(n)) is not None}

    def text(self, name: str) -> Optional[str]:
        """A text field: "unit", "kategori", "rapportor", "ivo.diarienummer", "ivo.beslut"."""
        return _core.ek_sarah_record_text(self._handle, _index(TEXT_FIELDS, name, "text field"))

    @property
    def unit(self) -> Optional[str]:
        return self.text("unit")

    @property
    def kategori(self) -> Optional[str]:
        return self.text("kategori")

    @property
    def allvarlig(self) -> Optional[bool]:
        """True/False once assessed, None before."""
        return _tri_out(_core.ek_sarah_record_allvarlig(self._handle))

    @property
    def utredning_bifogad(self) -> Optional[bool]:
        return _tri_out(_core.ek_sarah_record_utredning_bifogad(self._handle))

    @property
    def elements(self) -> Dict[str, Optional[bool]]:
        """The nine investigation elements: True documented, False not, None not stated."""
        return {n: _tri_out(_core.ek_sarah_record_element(self._handle, i)) for i, n in enumerate(ELEMENTS)}

    @property
    def measures(self) -> List[Measure]:
        out = []
        for k in range(_core.ek_sarah_record_measure_count(self._handle)):
            b, a, s, g = check(_core.ek_sarah_record_measure(self._handle, k))
            out.append(Measure(b, a, _d(s), _d(g)))
        return out

    @property
    def history(self) -> List[HistoryEntry]:
        out = []
        for k in range(_core.ek_sarah_record_history_count(self._handle)):
            kind, date, who, fld, old, new = check(_core.ek_sarah_record_history(self._handle, k))
            out.append(HistoryEntry("komplettering" if kind == _core.EK_SARAH_HIST_KOMPLETTERING else "andring",
                                    _from_ek(date), who, fld, old, new))
        return out

    @property
    def extras(self) -> Dict[str, str]:
        """Unknown top-level keys and their JSON text (kept for the round trip)."""
        out = {}
        for k in range(_core.ek_sarah_record_extra_count(self._handle)):
            key, text = check(_core.ek_sarah_record_extra(self._handle, k))
            out[key] = text
        return out

    # -- changing (who and when are required: every change is a history entry) -------------
    @staticmethod
    def _chg(who: str, when: DateLike) -> Tuple[int, str]:
        return (_to_ek(when), who)

    def set_date(self, name: str, value: Optional[DateLike], *, who: str, when: DateLike) -> None:
        check(_core.ek_sarah_record_set_date(self._handle, _index(DATE_FIELDS, name, "date field"),
                                             _ek_opt(value), self._chg(who, when)))

    def transition(self, state: str, date: DateLike, *, who: str, when: DateLike) -> None:
        """Move to ``state`` (one of :data:`STATES`) on ``date``; forbidden moves raise StateError."""
        check(_core.ek_sarah_record_transition(self._handle, _index(STATES, state, "state") + 1, _to_ek(date),
                                               self._chg(who, when)))

    def set_text(self, name: str, value: Optional[str], *, who: str, when: DateLike) -> None:
        check(_core.ek_sarah_record_set_text(self._handle, _index(TEXT_FIELDS, name, "text field"), value,
                                             self._chg(who, when)))

    def set_typ(self, typ: str, *, who: str, when: DateLike) -> None:
        if typ not in _TYPS:
            raise ValueError(f"typ must be one of {', '.join(_TYPS)}, not {typ!r}")
        check(_core.ek_sarah_record_set_typ(self._handle, _TYPS[typ], self._chg(who, when)))

    def set_allvarlig(self, value: Optional[bool], *, who: str, when: DateLike) -> None:
        check(_core.ek_sarah_record_set_allvarlig(self._handle, _tri_in(value), self._chg(who, when)))

    def set_element(self, name: str, value: Optional[bool], *, who: str, when: DateLike) -> None:
        check(_core.ek_sarah_record_set_element(self._handle, _index(ELEMENTS, name, "element"), _tri_in(value),
                                                self._chg(who, when)))

    def set_utredning_bifogad(self, value: Optional[bool], *, who: str, when: DateLike) -> None:
        check(_core.ek_sarah_record_set_utredning_bifogad(self._handle, _tri_in(value), self._chg(who, when)))

    def add_measure(self, beskrivning: str, ansvarig: Optional[str] = None, senast: Optional[DateLike] = None,
                    genomford: Optional[DateLike] = None, *, who: str, when: DateLike) -> int:
        """Add a measure; returns its index."""
        return check(_core.ek_sarah_record_add_measure(
            self._handle, (beskrivning, ansvarig, _ek_opt(senast), _ek_opt(genomford)), self._chg(who, when)))

    def set_measure_done(self, index: int, date: Optional[DateLike], *, who: str, when: DateLike) -> None:
        check(_core.ek_sarah_record_set_measure_done(self._handle, index, _ek_opt(date), self._chg(who, when)))

    def add_amendment(self, field: str, text: str, *, who: str, when: DateLike) -> None:
        """Amend the report sent to IVO (a dated "komplettering")."""
        check(_core.ek_sarah_record_add_amendment(self._handle, field, text, self._chg(who, when)))

    # -- evaluating ----------------------------------------------------------------------
    def evaluate(self, as_of: Optional[DateLike] = None, policy: Optional[Dict[str, str]] = None,
                 context: Optional[Context] = None) -> Evaluation:
        """Items E1 and E2 and every time limit as of ``as_of`` (None: open limits are notchecked).
        ``context`` is an :class:`egenkontroll.Context` (default policy when None); ``policy``
        overrides parameters on top of it, e.g. ``{"sarah_anmalan_ivo": "7d", "bedom_mot": "nominal"}``."""
        day = _ek_opt(as_of)
        ev = Evaluation(check(_core.ek_sarah_result_new()))  # freed with ev if the evaluation raises
        if not policy:
            with in_use(_context_object(context), self) as (hctx, hrec):  # close() elsewhere waits for it
                check(_core.ek_sarah_evaluate(hctx, hrec, day, ev._handle))
            return ev
        with Context(policy=dict(context.policy) if context is not None else None) as ctx:
            ctx.policy.update(policy)
            with in_use(ctx, self) as (hctx, hrec):
                check(_core.ek_sarah_evaluate(hctx, hrec, day, ev._handle))
        return ev

    def __repr__(self) -> str:
        if self.closed:
            return "<Record closed>"
        return f"<Record {self.id} {self.typ} {self.state}>"


class Summary(Handle):
    """Counts over a register for the board's report."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(check(_core.ek_sarah_summary_new()), _core.ek_sarah_summary_free)

    def add(self, record: Record, evaluation: Optional[Evaluation] = None) -> None:
        check(_core.ek_sarah_summary_add(self._handle, record._handle,
                                         evaluation._handle if evaluation is not None else None))

    def add_rejected(self) -> None:
        check(_core.ek_sarah_summary_add_rejected(self._handle))

    @property
    def counts(self) -> Dict[str, Any]:
        """records, rejected, by_state (name → n), allvarlig_*, anmald_ivo, e1/e2 (result → n), measures,
        measures_overdue, measures_late, ivo_days_* (days from report to IVO notification)."""
        c = check(_core.ek_sarah_summary_counts_get(self._handle))
        c["by_state"] = {STATES[i - 1]: n for i, n in enumerate(c["by_state"]) if i >= 1}
        c["e1"] = {_RESULTS[i]: n for i, n in enumerate(c["e1"]) if n}
        c["e2"] = {_RESULTS[i]: n for i, n in enumerate(c["e2"]) if n}
        return c

    def groups(self, by: str) -> List[Tuple[str, int, int]]:
        """(value, records, serious) per "kategori", "unit" or "typ", in order of first appearance."""
        g = {"kategori": _core.EK_SARAH_GROUP_KATEGORI, "unit": _core.EK_SARAH_GROUP_UNIT,
             "typ": _core.EK_SARAH_GROUP_TYP}[by]
        return [tuple(check(_core.ek_sarah_summary_group(self._handle, g, k)))
                for k in range(_core.ek_sarah_summary_group_count(self._handle, g))]

    def to_json(self) -> str:
        return check(_core.ek_sarah_summary_write_json(self._handle))


@dataclass(frozen=True)
class RecordError:
    """A line that could not be read (``read_records(..., errors="collect")``)."""
    message: str
    status: int
    source: str
    line: int
    column: int
    record_id: str
    field: str
    language: str = ""  # the language the message was written in ("": the process's)

    def exception(self) -> EgenkontrollError:
        from ._errors import _BY_STATUS
        cls = _BY_STATUS.get(self.status, EgenkontrollError)
        if cls is MemoryError or cls is OSError:
            cls = EgenkontrollError
        return cls(self.message, self.status, self.source, self.line, self.column, self.record_id, self.field,
                   self.language)

    def __str__(self) -> str:
        """The display string (:func:`~egenkontroll.format_error`): the place once, then the message."""
        return format_error(self)


def read_records(source: Union[str, "os.PathLike[str]", Any], errors: str = "raise") -> Iterator[Union[Record, RecordError]]:
    """Read ``egenkontroll/avvikelse-1`` JSON Lines, one :class:`Record` per line.

    ``source`` is a path ("-" for standard input) or a file object.  With
    ``errors="collect"`` a bad line yields a :class:`RecordError` and reading
    goes on; with ``errors="raise"`` (default) it raises after the good records before it.
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f'errors must be "raise" or "collect", not {errors!r}')
    if isinstance(source, (str, os.PathLike)):
        reader = check(_core.ek_sarah_reader_open(os.fspath(source)))
    else:
        name = getattr(source, "name", None)
        reader = check(_core.ek_sarah_reader_from_memory(source.read(), name if isinstance(name, str) else "<stream>"))
    try:
        while True:
            res = _core.ek_sarah_reader_next(reader)
            rc, ptr = (res[0], res[1]) if isinstance(res, (list, tuple)) else (res, None)
            if rc == 0:
                return
            if rc == 1:
                yield Record(ptr)
                continue
            e = _core.ek_error_last()
            err = RecordError(e.message, e.status, e.source, e.line, e.column, e.record_id, e.field, e.language)
            if rc == _core.EK_ENOMEM:
                raise MemoryError(err.message)
            if rc == _core.EK_EIO:
                check(rc)
            if errors == "raise":
                raise err.exception()
            yield err
    finally:
        _core.ek_sarah_reader_free(reader)
