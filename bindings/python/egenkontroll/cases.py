"""Child cases: dated events with typed attributes, reviewer answers, and the
``egenkontroll/case-1`` JSON Lines format.

>>> import datetime
>>> from egenkontroll.cases import Case
>>> c = Case("BU-2025-0117")
>>> i = c.add_event("anmalan_mottagen", datetime.date(2025, 9, 1), anmalare="skola", avser_vald=False)
>>> c.events[0].attrs
{'anmalare': 'skola', 'avser_vald': False}
>>> Case.from_json(c.to_json()).to_json() == c.to_json()
True

Reading a file (the parsing is done in C, one line at a time)::

    for case in read_cases("cases.jsonl"):                      # raises on the first bad line
        ...
    for item in read_cases("cases.jsonl", errors="collect"):    # bad lines come back as CaseError
        if isinstance(item, CaseError):
            print(item.line, item.column, item.case_id, item.field, item.message)

Attribute values in Python: text is ``str``, booleans ``bool``, dates
``datetime.date``; values the library keeps verbatim (unknown keys holding
numbers, arrays, objects or null) are decoded from their JSON text.  When
setting, ``str``/``bool``/``datetime.date`` map to those kinds and anything
else is stored as its JSON text (``json.dumps``).
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import os
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from . import _core
from ._errors import EgenkontrollError, NotFoundError, _BY_STATUS, check, format_error
from ._handle import Handle
from .calendar import _from_ek, _to_ek

__all__ = ["Case", "Event", "Answer", "CaseError", "AttrSpec", "read_cases", "attr_spec", "EVENT_TYPES"]

_NONE = _core.EK_DATE_NONE if hasattr(_core, "EK_DATE_NONE") else -(2 ** 63)

#: The event types of the format this library knows, in enum order.
EVENT_TYPES = tuple(_core.ek_event_type_name(t) for t in range(1, _core.ek_event_type_count() + 1))

_RESULTS = {"pass": _core.EK_RESULT_PASS, "fail": _core.EK_RESULT_FAIL,
            "notapplicable": _core.EK_RESULT_NOTAPPLICABLE}


def _date_or_none(n: int) -> Optional[datetime.date]:
    return None if n == _NONE else _from_ek(n)


@dataclasses.dataclass(frozen=True)
class Event:
    """One event of a case, as a plain value (a copy; changing the case does not change it).

    ``index`` is the position in the order added (the file's array order);
    ``type`` is the type's name as given (also for types the library does not
    know; see ``known``).
    """
    index: int
    type: str
    date: datetime.date
    id: Optional[str] = None
    ref: Optional[str] = None
    attrs: Dict[str, Any] = dataclasses.field(default_factory=dict, hash=False)
    known: bool = True


@dataclasses.dataclass(frozen=True)
class Answer:
    """A reviewer's answer for a judgement item: result is "pass", "fail" or "notapplicable"."""
    item: str
    result: str
    reviewer: Optional[str] = None
    date: Optional[datetime.date] = None
    comment: Optional[str] = None
    extras: Dict[str, Any] = dataclasses.field(default_factory=dict, hash=False, compare=False)


_KIND_NAMES = {_core.EK_ATTR_STRING: "string", _core.EK_ATTR_BOOL: "bool", _core.EK_ATTR_DATE: "date",
               _core.EK_ATTR_RAW: "raw"}


@dataclasses.dataclass(frozen=True)
class AttrSpec:
    """What the format says about one attribute key of an event type.

    ``kind`` is ``"string"``, ``"bool"``, ``"date"`` or ``"raw"``; ``values``
    the allowed words of a string attribute (empty when any text is allowed);
    ``required`` whether :meth:`Case.validate` insists on it.
    """
    kind: str
    values: Tuple[str, ...]
    required: bool


def attr_spec(event_type: str, key: str) -> Optional[AttrSpec]:
    """The specification of attribute ``key`` of ``event_type``, or None when the
    format does not list it (it would then be kept, with a warning).

    >>> attr_spec("anmalan_mottagen", "anmalare").kind
    'string'
    """
    t = _core.ek_event_type_from_name(event_type)
    if t == _core.EK_EV_UNKNOWN:
        raise NotFoundError(f"unknown event type {event_type!r}", _core.EK_ENOTFOUND, field=str(event_type))
    r = _core.ek_event_attr_spec(t, key)
    if r[0] == _core.EK_ENOTFOUND:
        return None
    kind, values, required = check(r)
    return AttrSpec(_KIND_NAMES.get(kind, str(kind)), tuple(values.split("|")) if values else (), bool(required))


@dataclasses.dataclass(frozen=True)
class CaseError:
    """A line that could not be read (``read_cases(..., errors="collect")``).

    ``case_id`` and ``field`` are empty when unknown (e.g. invalid JSON);
    ``field`` is a path such as ``"events[3].date"``; ``language`` the language
    the message was written in (``""``: the process's).
    """
    message: str
    status: int
    source: str
    line: int
    column: int
    case_id: str
    field: str
    language: str = ""

    def exception(self) -> EgenkontrollError:
        """The exception ``errors="raise"`` would have raised."""
        cls = _BY_STATUS.get(self.status, EgenkontrollError)
        if cls is MemoryError or cls is OSError:
            cls = EgenkontrollError
        return cls(self.message, self.status, self.source, self.line, self.column, self.case_id, self.field,
                   self.language)

    def __str__(self) -> str:
        """The display string (:func:`~egenkontroll.format_error`): the place once, then the message."""
        return format_error(self)


def _attr_value(kind: int, string: Optional[str], boolean: int, date: int) -> Any:
    if kind == _core.EK_ATTR_STRING:
        return string
    if kind == _core.EK_ATTR_BOOL:
        return bool(boolean)
    if kind == _core.EK_ATTR_DATE:
        return _from_ek(date)
    return json.loads(string)


class Case(Handle):
    """A child case (owns a C ``ek_case``).

    ``Case(id)`` makes an empty case; ``Case.from_json(line)`` reads one line
    of ``egenkontroll/case-1``.  Use as a context manager or call ``close()``
    to free it early.
    """

    __slots__ = ()

    def __init__(self, id: str):
        ptr = check(_core.ek_case_new(id))
        super().__init__(ptr, _core.ek_case_free)

    @classmethod
    def _adopt(cls, ptr: Any) -> "Case":
        self = cls.__new__(cls)
        Handle.__init__(self, ptr, _core.ek_case_free)
        return self

    @classmethod
    def from_json(cls, line: Union[str, bytes], name: Optional[str] = None) -> "Case":
        """Read one case from JSON text (one object).  Raises an
        :class:`EgenkontrollError` subclass naming the column and field."""
        case = cls("-")
        try:
            check(_core.ek_case_read_json(case._handle, line, name))
        except BaseException:
            case.close()
            raise
        return case

    def to_json(self) -> str:
        """The case as one canonical line of ``egenkontroll/case-1`` JSON (no newline)."""
        return check(_core.ek_case_write_json(self._handle))

    # ---- top level -------------------------------------------------------

    @property
    def id(self) -> str:
        """The case id."""
        return _core.ek_case_id(self._handle)

    @property
    def unit(self) -> Optional[str]:
        """The unit (enhet) responsible for the case, or None."""
        return _core.ek_case_unit(self._handle)

    @unit.setter
    def unit(self, value: Optional[str]) -> None:
        check(_core.ek_case_set_unit(self._handle, value))

    @property
    def birth_date(self) -> Optional[datetime.date]:
        """The child's birth date, or None."""
        return _date_or_none(_core.ek_case_birth_date(self._handle))

    @birth_date.setter
    def birth_date(self, value: Optional[Union[datetime.date, str]]) -> None:
        check(_core.ek_case_set_birth_date(self._handle, _NONE if value is None else _to_ek(value)))

    # ---- events ----------------------------------------------------------

    def add_event(self, type: str, date: Union[datetime.date, str], *, id: Optional[str] = None,
                  ref: Optional[str] = None, **attrs: Any) -> int:
        """Add an event and its attributes; returns its index.

        Unknown types and keys are kept and reported in :attr:`warnings`; a
        listed key with a value of the wrong kind raises
        :class:`InvalidArgumentError` (the event is then added without it).
        """
        index = check(_core.ek_case_add_event(self._handle, type, _to_ek(date)))
        if id is not None:
            check(_core.ek_case_event_set_id(self._handle, index, id))
        if ref is not None:
            check(_core.ek_case_event_set_ref(self._handle, index, ref))
        for key, value in attrs.items():
            self.set_attr(index, key, value)
        return index

    def set_attr(self, index: int, key: str, value: Any) -> None:
        """Set attribute ``key`` of event ``index`` (see the module docs for kinds)."""
        h = self._handle
        if isinstance(value, bool):
            check(_core.ek_case_event_set_bool(h, index, key, int(value)))
        elif isinstance(value, (datetime.date, datetime.datetime)):
            check(_core.ek_case_event_set_date(h, index, key, _to_ek(value)))
        elif isinstance(value, str):
            check(_core.ek_case_event_set_string(h, index, key, value))
        else:
            check(_core.ek_case_event_set_raw(h, index, key, json.dumps(value, ensure_ascii=False)))

    def __len__(self) -> int:
        return _core.ek_case_event_count(self._handle)

    def event(self, index: int) -> Event:
        """Event ``index`` (0 … len-1) as an :class:`Event`."""
        h = self._handle
        if not isinstance(index, int) or index < 0:
            raise IndexError(f"event index {index!r} out of range")
        info = check(_core.ek_case_event(h, index))
        idx, type_, type_name, date, eid, ref, nattr = info
        attrs = {}
        for k in range(nattr):
            key, kind, string, boolean, d = check(_core.ek_case_event_attr(h, index, k))
            attrs[key] = _attr_value(kind, string, boolean, d)
        return Event(idx, type_name, _from_ek(date), eid, ref, attrs, type_ != _core.EK_EV_UNKNOWN)

    @property
    def events(self) -> List[Event]:
        """Every event, in the order added."""
        return [self.event(i) for i in range(len(self))]

    @property
    def events_by_date(self) -> List[Event]:
        """Every event sorted by date; events on the same date in the order added."""
        h = self._handle
        return [self.event(check(_core.ek_case_event_in_date_order(h, k))) for k in range(len(self))]

    # ---- answers, warnings, extras -----------------------------------------

    def add_answer(self, item: str, result: str, *, reviewer: Optional[str] = None,
                   date: Optional[Union[datetime.date, str]] = None, comment: Optional[str] = None) -> None:
        """Record a reviewer's answer ("pass", "fail" or "notapplicable"); replaces an earlier one for the item."""
        if result not in _RESULTS:
            raise ValueError(f"an answer's result must be pass, fail or notapplicable, not {result!r}")
        check(_core.ek_case_add_answer(self._handle, item, _RESULTS[result], reviewer,
                                       _NONE if date is None else _to_ek(date), comment))

    @property
    def answers(self) -> List[Answer]:
        """The reviewers' answers, in the order recorded."""
        h = self._handle
        out = []
        for k in range(_core.ek_case_answer_count(h)):
            item, result, reviewer, date, comment = check(_core.ek_case_answer(h, k))
            out.append(Answer(item, _core.ek_result_name(result), reviewer, _date_or_none(date), comment,
                              self._answer_extras(k)))
        return out

    def _answer_extras(self, k: int) -> Dict[str, Any]:
        h = self._handle
        out = {}
        for j in range(_core.ek_case_answer_extra_count(h, k)):
            key, text = check(_core.ek_case_answer_extra(h, k, j))
            out[key] = json.loads(text)
        return out

    def _answer_index(self, item: str) -> int:
        h = self._handle
        for k in range(_core.ek_case_answer_count(h)):
            if check(_core.ek_case_answer(h, k))[0] == item:
                return k
        raise NotFoundError(f"case {self.id}: no answer for item {item!r}", _core.EK_ENOTFOUND,
                            record_id=self.id, field=str(item))

    def answer(self, item: str) -> Optional[Answer]:
        """The answer for ``item``, or None."""
        r = _core.ek_case_find_answer(self._handle, item)
        if r[0] == _core.EK_ENOTFOUND:
            return None
        item_, result, reviewer, date, comment = check(r)
        return Answer(item_, _core.ek_result_name(result), reviewer, _date_or_none(date), comment,
                      self._answer_extras(self._answer_index(item_)))

    def set_answer_extra(self, item: str, key: str, value: Any) -> None:
        """Keep an extra key on the answer for ``item`` (written by :meth:`to_json`).
        Replacing the answer drops its extras.  Raises NotFoundError without an answer."""
        check(_core.ek_case_answer_set_extra(self._handle, self._answer_index(item), key,
                                             json.dumps(value, ensure_ascii=False)))

    @property
    def warnings(self) -> List[str]:
        """Warnings recorded for the case (unknown event types and keys, a missing format, …)."""
        h = self._handle
        return [_core.ek_case_warning(h, k) for k in range(_core.ek_case_warning_count(h))]

    def add_warning(self, message: str) -> None:
        """Record a warning for the case (see :attr:`warnings`)."""
        check(_core.ek_case_add_warning(self._handle, message))

    @property
    def extras(self) -> Dict[str, Any]:
        """Unknown top-level keys kept for a round trip, decoded from JSON."""
        h = self._handle
        out = {}
        for k in range(_core.ek_case_extra_count(h)):
            key, text = check(_core.ek_case_extra(h, k))
            out[key] = json.loads(text)
        return out

    def set_extra(self, key: str, value: Any) -> None:
        """Keep an extra top-level key (written by :meth:`to_json`)."""
        check(_core.ek_case_set_extra(self._handle, key, json.dumps(value, ensure_ascii=False)))

    @property
    def child_extras(self) -> Dict[str, Any]:
        """Unknown keys of the ``child`` object kept for a round trip, decoded from JSON."""
        h = self._handle
        out = {}
        for k in range(_core.ek_case_child_extra_count(h)):
            key, text = check(_core.ek_case_child_extra(h, k))
            out[key] = json.loads(text)
        return out

    def set_child_extra(self, key: str, value: Any) -> None:
        """Keep an extra key of the ``child`` object (``birth_date`` is :attr:`birth_date`)."""
        check(_core.ek_case_set_child_extra(self._handle, key, json.dumps(value, ensure_ascii=False)))

    def reset(self, id: Optional[str] = None) -> None:
        """Empty the case (events, answers, warnings, extras) and give it ``id``
        (default: keep the current id), keeping its buffers for reuse."""
        h = self._handle
        check(_core.ek_case_reset(h, _core.ek_case_id(h) if id is None else id))

    def __iter__(self) -> Iterator[Event]:
        """The events in the order added (copies)."""
        return iter(self.events)

    def validate(self) -> None:
        """Raise :class:`InvalidArgumentError` when a known event lacks a required attribute."""
        check(_core.ek_case_validate(self._handle))

    def __repr__(self) -> str:
        if self.closed:
            return "<Case closed>"
        return f"<Case {self.id!r}: {len(self)} events>"


def _last_error() -> CaseError:
    e = _core.ek_error_last()
    return CaseError(e.message, e.status, e.source, e.line, e.column, e.record_id, e.field, e.language)


def read_cases(source: Union[str, "os.PathLike[str]", Any], errors: str = "raise") -> Iterator[Union[Case, CaseError]]:
    """Read ``egenkontroll/case-1`` JSON Lines, yielding one :class:`Case` per line.

    ``source`` is a path (``"-"`` for standard input) or a file object opened in
    text or binary mode (read whole into memory, named by its ``name``).

    ``errors="raise"`` (the default) raises the library's exception for the
    first line that cannot be read (after yielding the cases before it);
    ``errors="collect"`` yields a :class:`CaseError` in its place and goes on
    with the next line.  A duplicate case id, a missing required attribute or
    a wrong type is such an error; unknown keys are only warnings
    (:attr:`Case.warnings`).
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f'errors must be "raise" or "collect", not {errors!r}')
    if isinstance(source, (str, os.PathLike)):
        reader = check(_core.ek_case_reader_open(os.fspath(source)))
    else:
        data = source.read()
        name = getattr(source, "name", None)
        reader = check(_core.ek_case_reader_from_memory(data, name if isinstance(name, str) else "<stream>"))
    try:
        while True:
            case = Case("-")
            rc = _core.ek_case_reader_next(reader, case._handle)
            if rc == 0:
                case.close()
                return
            if rc == 1:
                yield case
                continue
            err = _last_error()
            case.close()
            if rc == _core.EK_ENOMEM:
                raise MemoryError(err.message)
            if rc == _core.EK_EIO:
                check(rc)
            if errors == "raise":
                raise err.exception()
            yield err
    finally:
        _core.ek_case_reader_free(reader)
