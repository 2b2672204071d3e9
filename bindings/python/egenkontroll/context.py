"""The evaluation context: policy parameters and the statutory calendar.

Every evaluation in this package (deadlines, lex Sarah records, checklists)
takes an optional ``context=``: one :class:`Context` holds the Swedish
calendar and the *policy*, the numbers the law leaves open ("genast",
"snarast", the visit interval, which end judges "on time", …).  Each is a
named parameter with a documented default, its legal basis and how certain
that default is (see :func:`policy_params` and the README's table).

>>> ctx = Context(policy={"bedom_mot": "nominal"})
>>> ctx.policy["bedom_mot"]
'nominal'
>>> ctx.policy["besok_intervall"] = "6w"      # validated by the library
>>> ctx.policy.changed()
{'bedom_mot': 'nominal', 'besok_intervall': '6w'}
>>> ctx.policy["besok_intervall"] = "often"
Traceback (most recent call last):
...
egenkontroll.ParseError: ...
>>> ctx.calendar.is_working_day("2025-12-24")
False

``Context(lang="en")`` gives every message the library produces for calls
made with the context (obligation and checklist messages, titles, the
report's texts, errors) in English (``"sv"``: Swedish), whatever the
process's locale, LANGUAGE or LANG say; threads may use contexts of
different languages at once.  Without ``lang`` the process's locale decides,
as gettext does.

Configure a context on one thread, then share it: any number of threads may
evaluate with it at once (the C calls release the GIL).  Changing the policy
while other threads evaluate with it is not allowed.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, Mapping, MutableMapping, Optional, Tuple, Union

from . import _core
from ._errors import InvalidArgumentError, NotFoundError, check
from ._handle import Handle
from .calendar import Calendar, Period, _C_TO_UNIT

__all__ = ["Context", "Policy", "PolicyParam", "policy_params", "default_context"]

PathLike = Union[str, "os.PathLike[str]"]
PolicyValue = Union[str, Period]

_TYPES = {_core.EK_POLICY_PERIOD: "period", _core.EK_POLICY_CHOICE: "choice", _core.EK_POLICY_COUNT: "count"}


@dataclass(frozen=True)
class PolicyParam:
    """Static description of one policy parameter.

    ``type`` is ``"period"`` (values such as ``"1d"``, ``"3m"``, ``"10wd"``)
    , ``"choice"`` (one of ``choices``) or ``"count"`` (a whole number such as ``"10"``).  ``certainty`` of the default:
    ``"V"`` read in the statute, ``"S"`` from an authority's secondary text,
    ``"R"`` a reasoned reading.  ``description`` is always the Swedish text
    (the library's static msgid; ``egenkontroll policy --lang en`` shows the
    English translation).
    """
    name: str
    type: str
    default: str
    choices: Tuple[str, ...]
    description: str
    basis: str
    certainty: str


def _load_params() -> Tuple[PolicyParam, ...]:
    out = []
    for i in range(_core.ek_policy_param_count()):
        info = check(_core.ek_policy_param_at(i))
        out.append(PolicyParam(info.name, _TYPES.get(info.type, str(info.type)), info.default_value,
                               tuple(info.choices.split("|")) if info.choices else (),
                               info.description or "", info.basis or "", info.certainty or ""))
    return tuple(out)


_PARAMS: Tuple[PolicyParam, ...] = _load_params()
_BY_NAME: Dict[str, PolicyParam] = {p.name: p for p in _PARAMS}


def policy_params() -> Tuple[PolicyParam, ...]:
    """Every policy parameter this library version knows, in the library's order."""
    return _PARAMS


def _text(name: str, value: PolicyValue) -> str:
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"policy parameter {name!r}: expected text such as \"3m\" or a Period, "
                    f"not {type(value).__name__}")


class Policy(MutableMapping[str, str]):
    """A dict-like, validating view of a :class:`Context`'s policy.

    Keys are the parameter names of :func:`policy_params` (always all of
    them; ``len(policy)`` is their number); values are text as the library
    writes them (``"3m"``, ``"legal"``).  Assigning validates through the
    library: an unknown name raises :class:`~egenkontroll.NotFoundError`
    (a ``KeyError``), a malformed value :class:`~egenkontroll.ParseError`
    (a ``ValueError``); the policy is then unchanged.  :meth:`update` is
    all-or-nothing.  Parameters cannot be deleted; ``del policy[name]`` and
    :meth:`reset` restore defaults.

    The view keeps its context alive.
    """

    __slots__ = ("_ctx",)

    def __init__(self, context: "Context"):
        self._ctx = context

    @property
    def _ptr(self) -> Any:
        return _core.ek_context_policy(self._ctx._handle)

    # ---- mapping ------------------------------------------------------------

    def __getitem__(self, name: str) -> str:
        if not isinstance(name, str):
            raise KeyError(name)
        return check(_core.ek_policy_get(self._ptr, name))

    def __setitem__(self, name: str, value: PolicyValue) -> None:
        if not isinstance(name, str):
            raise TypeError(f"policy parameter names are str, not {type(name).__name__}")
        check(_core.ek_policy_set(self._ptr, name, _text(name, value)))

    def __delitem__(self, name: str) -> None:
        self.reset(name)

    def __iter__(self) -> Iterator[str]:
        return iter([p.name for p in _PARAMS])

    def __len__(self) -> int:
        return len(_PARAMS)

    def __contains__(self, name: object) -> bool:
        return name in _BY_NAME

    def update(self, other: Union[Mapping[str, PolicyValue], Iterable[Tuple[str, PolicyValue]]] = (),
               **kwargs: PolicyValue) -> None:
        """Set several parameters at once; when one is invalid none is changed."""
        items = list(other.items() if isinstance(other, Mapping) else other) + list(kwargs.items())
        scratch = check(_core.ek_policy_new())
        try:
            check(_core.ek_policy_copy(scratch, self._ptr))
            for name, value in items:
                if not isinstance(name, str):
                    raise TypeError(f"policy parameter names are str, not {type(name).__name__}")
                check(_core.ek_policy_set(scratch, name, _text(name, value)))
            check(_core.ek_policy_copy(self._ptr, scratch))
        finally:
            _core.ek_policy_free(scratch)

    def clear(self) -> None:
        """Restore every default (the same as :meth:`reset` with no name)."""
        self.reset()

    # ---- beyond a dict ---------------------------------------------------------

    def reset(self, name: Optional[str] = None) -> None:
        """Restore the default of parameter ``name``, or of every parameter."""
        if name is None:
            check(_core.ek_policy_reset(self._ptr))
            return
        info = self.info(name)
        check(_core.ek_policy_set(self._ptr, info.name, info.default))

    def info(self, name: str) -> PolicyParam:
        """The static description of parameter ``name``."""
        try:
            return _BY_NAME[name]
        except (KeyError, TypeError):
            raise NotFoundError(f"unknown policy parameter {name!r}", _core.EK_ENOTFOUND, field=str(name)) from None

    def period(self, name: str) -> Period:
        """The value of a period parameter as a :class:`~egenkontroll.Period`."""
        n, unit = check(_core.ek_policy_get_period(self._ptr, name))
        return Period(n, _C_TO_UNIT[unit])

    @property
    def judge_on(self) -> str:
        """``"legal"`` (the end after the 1930:173 2 § roll-over; default) or ``"nominal"``."""
        return "nominal" if _core.ek_policy_judge_on(self._ptr) == _core.EK_JUDGE_NOMINAL else "legal"

    def changed(self) -> Dict[str, str]:
        """The parameters whose value differs from the default."""
        return {p.name: v for p in _PARAMS for v in (self[p.name],) if v != p.default}

    def load_file(self, path: PathLike) -> None:
        """Apply an ``egenkontroll/policy-1`` JSON file (parameters it names are set)."""
        check(_core.ek_policy_load_json(self._ptr, os.fspath(path)))

    def load_json(self, text: Union[str, bytes], name: Optional[str] = None) -> None:
        """Apply ``egenkontroll/policy-1`` JSON text; ``name`` is used in error messages."""
        check(_core.ek_policy_load_json_string(self._ptr, text, name))

    def __call__(self, name: str) -> str:
        """``ctx.policy(name)``: the value of ``name`` (kept for code written against
        ``egenkontroll.rules.Context.policy(name)``; prefer ``ctx.policy[name]``)."""
        return self[name]

    def __repr__(self) -> str:
        return f"<Policy {self.changed()!r} (others default)>"


class Context(Handle):
    """Calendar and policy for evaluations (owns a C ``ek_context``).

    ``Context()`` has every default; ``Context(policy={"bedom_mot": "nominal"})``
    or ``Context(policy_file="policy.json")`` sets parameters (the file first,
    then the mapping).  ``ctx.policy`` is a validating dict-like view;
    ``ctx.calendar`` the context's :class:`~egenkontroll.Calendar`.
    ``lang`` (``"sv"``, ``"en"``; default None: follow the process) is the
    language of the library's messages for calls made with it (see :attr:`lang`).
    Use it as a context manager or ``close()`` it to free it early; objects
    borrowed from it (its calendar) keep it alive.
    """

    __slots__ = ()

    def __init__(self, policy: Optional[Mapping[str, PolicyValue]] = None,
                 policy_file: Optional[PathLike] = None, strict: bool = False, lang: Optional[str] = None):
        super().__init__(check(_core.ek_context_new()), _core.ek_context_free)
        try:
            if lang is not None:
                self.lang = lang
            if policy_file is not None:
                self.policy.load_file(policy_file)
            if policy:
                self.policy.update(policy)
            if strict:
                self.strict = True
        except BaseException:
            self.close()
            raise

    @property
    def lang(self) -> Optional[str]:
        """The language of the library's messages for calls made with this context:
        ``"sv"`` or ``"en"`` (translations built into the library; the process's
        locale, LANGUAGE and LANG have no effect), or None to follow the process as
        gettext does (the default).  Setting an unknown language raises
        :class:`~egenkontroll.InvalidArgumentError` (a ``ValueError``)."""
        return _core.ek_context_language(self._handle)

    @lang.setter
    def lang(self, value: Optional[str]) -> None:
        if value is not None and not isinstance(value, str):
            raise TypeError(f"lang must be \"sv\", \"en\" or None, not {type(value).__name__}")
        check(_core.ek_context_set_language(self._handle, value))

    @property
    def strict(self) -> bool:
        """Strict input: a case with an event type or attribute key outside the
        case-1 vocabulary is refused (:class:`egenkontroll.Error` naming the
        case and the field) instead of evaluated (``--strict``)."""
        return bool(_core.ek_context_strict(self._handle))

    @strict.setter
    def strict(self, on: bool) -> None:
        check(_core.ek_context_set_strict(self._handle, 1 if on else 0))

    @classmethod
    def from_policy_file(cls, path: PathLike, **overrides: PolicyValue) -> "Context":
        """A context with the ``egenkontroll/policy-1`` file at ``path`` applied
        (errors name the file, line and column), then ``overrides``."""
        return cls(policy=overrides, policy_file=path)

    @classmethod
    def from_policy_json(cls, text: Union[str, bytes], name: Optional[str] = None) -> "Context":
        """A context with ``egenkontroll/policy-1`` JSON text applied."""
        ctx = cls()
        try:
            ctx.policy.load_json(text, name)
        except BaseException:
            ctx.close()
            raise
        return ctx

    @property
    def policy(self) -> Policy:
        """The policy parameters as a validating dict-like view."""
        self._handle  # raises ValueError when closed
        return Policy(self)

    @policy.setter
    def policy(self, values: Mapping[str, PolicyValue]) -> None:
        """Replace the whole policy: defaults, then ``values`` (all-or-nothing)."""
        view = Policy(self)
        saved = dict(view)
        view.reset()
        try:
            view.update(values)
        except BaseException:
            view.update(saved)
            raise

    @property
    def calendar(self) -> Calendar:
        """The context's statutory calendar (borrowed; keeps the context alive)."""
        return Calendar._borrow(_core.ek_context_calendar(self._handle), self)

    def set_policy(self, name: str, value: PolicyValue) -> None:
        """Set one policy parameter (same as ``ctx.policy[name] = value``)."""
        self.policy[name] = value

    def __repr__(self) -> str:
        if self.closed:
            return "<Context closed>"
        lang = f" lang={self.lang!r}" if self.lang else ""
        return f"<Context policy={self.policy.changed()!r}{lang}>"


_default_lock = threading.Lock()
_default: Optional[Context] = None


def default_context() -> Context:
    """The shared context with every default, used when ``context=None``.

    Treat it as read-only: it is shared by every evaluation that does not
    name a context (changing its policy raises :class:`InvalidArgumentError`).
    """
    global _default
    with _default_lock:
        if _default is None:
            _default = _ReadOnlyContext()
        return _default


class _ReadOnlyContext(Context):
    __slots__ = ()

    @property
    def policy(self) -> Policy:  # type: ignore[override]
        self._handle
        return _ReadOnlyPolicy(self)

    @policy.setter
    def policy(self, values: Mapping[str, PolicyValue]) -> None:
        raise InvalidArgumentError("the default context is read-only; make a Context() of your own",
                                   _core.EK_EINVAL)

    @property
    def lang(self) -> Optional[str]:
        return Context.lang.fget(self)  # type: ignore[attr-defined]

    @lang.setter
    def lang(self, value: Optional[str]) -> None:
        raise InvalidArgumentError("the default context is read-only; make a Context(lang=...) of your own",
                                   _core.EK_EINVAL)

    def close(self) -> None:  # shared by the whole process: never freed early
        if _default is not self:
            super().close()


class _ReadOnlyPolicy(Policy):
    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise InvalidArgumentError("the default context is read-only; make a Context() of your own",
                                   _core.EK_EINVAL)

    __setitem__ = _refuse  # type: ignore[assignment]
    __delitem__ = _refuse  # type: ignore[assignment]
    update = _refuse  # type: ignore[assignment]
    reset = _refuse  # type: ignore[assignment]
    clear = _refuse  # type: ignore[assignment]
    load_file = _refuse  # type: ignore[assignment]
    load_json = _refuse  # type: ignore[assignment]


def _context_object(context: Optional[Context]) -> Context:
    """``context`` checked, or the default context for None (pass it to ``in_use``)."""
    if context is None:
        return default_context()
    if not isinstance(context, Context):
        raise TypeError(f"context must be an egenkontroll.Context, not {type(context).__name__}")
    return context


def _context_handle(context: Optional[Context]) -> Any:
    """The C handle of ``context`` (the default context for None)."""
    return _context_object(context)._handle
