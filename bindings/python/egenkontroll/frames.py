"""pandas DataFrames of deadlines, checklist results and the report, for analysts.

>>> import egenkontroll as ek
>>> df = ek.evaluate_frame("examples/data/cases.jsonl", as_of="2026-03-01")    # doctest: +SKIP
>>> df[df.status == "overdue"].groupby("unit").size()                          # doctest: +SKIP

- :func:`evaluate_frame`: one row per obligation (``egenkontroll evaluate``):
  ``id, unit, rule, seq, status, start, nominal, legal, judged, done, basis,
  certainty, flags, message``; the five dates are ``datetime64[ns]`` (``NaT``
  when none), ``seq`` is 0 for single duties, ``flags`` the flag names joined
  by ``|`` ("" when none).
- :func:`check_frame`: one row per case and checklist item (``egenkontroll
  check``): ``id, unit, item, result, criterion, flags, message, basis,
  basis_date, evidence``; ``evidence`` is a list of dicts shaped as in the
  JSON form (``{"obligation", "sequence", "status", "due", "event"}``,
  ``{"event", "type", "date"}``, ``{"answer", "date"}``, each with ``note``
  when there is one).
- :meth:`egenkontroll.report.Report.frames` (:func:`report_frames`): the
  report's sections as DataFrames.

Both read cases from a path (``egenkontroll/case-1`` JSON Lines; lines that
cannot be read are skipped and their messages kept in
``df.attrs["rejected"]``, as the command line reports and skips them) or take
:class:`~egenkontroll.cases.Case` objects.  The evaluation runs in C in one
batch with the GIL released (:func:`~egenkontroll.evaluate_many`,
:func:`~egenkontroll.checklist.check_many`), on up to ``threads`` threads.

pandas is optional for the package: these functions raise ImportError saying
what to install when it is missing.
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

from . import _core
from ._errors import check
from ._handle import in_use
from .rules import STATUSES

__all__ = ["evaluate_frame", "check_frame", "report_frames"]

_STATUSES = STATUSES
_OBL_STATUSES = {0: None, **{i: name for i, name in enumerate(STATUSES, start=1)}}


def _pandas(what: str) -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised with pandas hidden
        raise ImportError(f"egenkontroll.{what} needs pandas, which is not installed: install it with "
                          "`apt install python3-pandas` (Debian, Ubuntu) or `pip install pandas`") from e
    return pandas


def _dates(pd: Any, values: List[int]) -> Any:
    """ek_date day numbers (days since 1970-01-01; EK_DATE_NONE = INT64_MIN = NaT) as datetime64[ns]."""
    import numpy as np
    return pd.Series(np.asarray(values, dtype="int64").view("datetime64[D]").astype("datetime64[ns]"),
                     dtype="datetime64[ns]")


def _iso(n: int) -> Optional[str]:
    if n == _core.EK_DATE_NONE:
        return None
    from .calendar import _from_ek
    return _from_ek(n).isoformat()


def _cases(cases_or_path: Any) -> Tuple[List[Any], List[Any], List[str]]:
    """(cases, cases to close afterwards, rejected messages)."""
    from .cases import CaseError, read_cases
    if isinstance(cases_or_path, (str, bytes, os.PathLike)):
        cases, rejected = [], []
        for c in read_cases(os.fsdecode(cases_or_path), errors="collect"):
            if isinstance(c, CaseError):
                rejected.append(str(c))  # the place and the message
            else:
                cases.append(c)
        return cases, cases, rejected
    if hasattr(cases_or_path, "_handle"):
        return [cases_or_path], [], []
    return list(cases_or_path), [], []


def evaluate_frame(cases_or_path: Any, as_of: Any = None, context: Any = None, threads: int = 0) -> Any:
    """One row per obligation of every case (see the module docstring for the columns).

    ``cases_or_path``: a path to case JSON Lines, a :class:`~egenkontroll.cases.Case` or an iterable
    of them.  ``as_of`` defaults to today; ``context`` gives the policy and calendar.  The frame
    holds the same values as ``egenkontroll evaluate --format json`` (or ``--format csv``).
    """
    pd = _pandas("evaluate_frame")
    from .context import _context_object
    from .rules import FLAGS, _as_of
    cases, owned, rejected = _cases(cases_or_path)
    try:
        ctx = _context_object(context)
        with in_use(ctx, *cases) as (hctx, *handles):
            status, rows = _core.ek_py_evaluate_many(hctx, _core.ek_rulebook_builtin(), handles, _as_of(as_of),
                                                     max(0, int(threads)), _core.EK_ORDER_RULE)
        check(status)
        ids, units = [], []
        for c, r in zip(cases, rows):
            ids.extend([c.id] * len(r))
            units.extend([c.unit or ""] * len(r))
    finally:
        for c in owned:
            c.close()
    flat = [t for r in rows for t in r]
    cols = list(zip(*flat)) if flat else [()] * 19
    # (rule_id, rule_name, sequence, status, flags, start, nominal, legal, judged, done, original_nominal,
    #  start_event, done_event, extension_event, basis, certainty, version_from, version_to, message)
    flag_bits = sorted(FLAGS)
    flag_text: Dict[int, str] = {}

    def flags(v: int) -> str:
        if v not in flag_text:
            flag_text[v] = "|".join(FLAGS[b] for b in flag_bits if v & b)
        return flag_text[v]

    df = pd.DataFrame({
        "id": pd.Series(ids, dtype="object"),
        "unit": pd.Series(units, dtype="object"),
        "rule": pd.Series(cols[1], dtype="object"),
        "seq": pd.Series(cols[2], dtype="int64"),
        "status": pd.Series([_STATUSES[s - 1] if 1 <= s <= len(_STATUSES) else "invalid" for s in cols[3]],
                            dtype="object"),
        "start": _dates(pd, cols[5]),
        "nominal": _dates(pd, cols[6]),
        "legal": _dates(pd, cols[7]),
        "judged": _dates(pd, cols[8]),
        "done": _dates(pd, cols[9]),
        "basis": pd.Series([b or "" for b in cols[14]], dtype="object"),
        "certainty": pd.Series([c or "" for c in cols[15]], dtype="object"),
        "flags": pd.Series([flags(f) for f in cols[4]], dtype="object"),
        "message": pd.Series([m or "" for m in cols[18]], dtype="object"),
    })
    df.attrs["rejected"] = rejected
    return df


def _evidence_dict(item: str, t: tuple) -> Dict[str, Any]:
    """One evidence tuple as the JSON form writes it (lib/io/json_checklist.c)."""
    kind, _value, ei, etype, date, rule, seq, st, _oi, note = t
    if kind == 1:
        d: Dict[str, Any] = {"event": ei, "type": etype, "date": _iso(date)}
    elif kind == 2:
        d = {"obligation": rule or "", "sequence": seq, "status": _OBL_STATUSES.get(st), "due": _iso(date)}
        if ei is not None:
            d["event"] = ei
    else:
        d = {"answer": item, "date": _iso(date)}
    if note:
        d["note"] = note
    return d


def check_frame(cases_or_path: Any, as_of: Any = None, checklist: Any = None, delegation: Any = None,
                context: Any = None, threads: int = 0) -> Any:
    """One row per case and checklist item (see the module docstring for the columns).

    ``checklist`` and ``delegation`` are objects or paths, as for ``egenkontroll check``
    (without a delegation order C1 is ``notchecked``).  The same values as ``egenkontroll check
    --format json``.
    """
    pd = _pandas("check_frame")
    from .checklist import Checklist, Delegation, ITEM_FLAGS, TRUTHS, _check_many_rows, _result_name
    cl = Checklist.load(checklist) if isinstance(checklist, (str, os.PathLike)) else checklist
    deleg = Delegation.load(delegation) if isinstance(delegation, (str, os.PathLike)) else delegation
    cases, owned, rejected = _cases(cases_or_path)
    try:
        _cl, rows = _check_many_rows(cases, as_of, cl, deleg, context, threads, False)
    finally:
        for c in owned:
            c.close()
        if cl is not None and cl is not checklist:
            cl.close()
        if deleg is not None and deleg is not delegation:
            deleg.close()
    cols: Dict[str, List[Any]] = {k: [] for k in ("id", "unit", "item", "result", "criterion", "flags", "message",
                                                   "basis", "basis_date", "evidence")}
    flag_items = list(ITEM_FLAGS.items())
    for cid, unit, _as_of, _case_date, _js, items in rows:
        for item, result, crit, fl, msg, basis, bdate, ev in items:
            cols["id"].append(cid or "")
            cols["unit"].append(unit or "")
            cols["item"].append(item)
            cols["result"].append(_result_name(result))
            cols["criterion"].append(TRUTHS.get(crit))
            cols["flags"].append("|".join(n for b, n in flag_items if fl & b))
            cols["message"].append(msg or "")
            cols["basis"].append(basis or "")
            cols["basis_date"].append(bdate)
            cols["evidence"].append([_evidence_dict(item, e) for e in ev])
    data = {k: pd.Series(v, dtype="object") for k, v in cols.items()}
    data["basis_date"] = _dates(pd, cols["basis_date"])
    df = pd.DataFrame(data)
    df.attrs["rejected"] = rejected
    return df


_DEADLINE_MEASURES = ("obligations", "met", "late", "pending", "overdue", "notapplicable", "error", "exceptions",
                      "extended", "due", "open", "on_time_rate", "late_median_days", "late_max_days",
                      "overdue_median_days", "overdue_max_days")
_ITEM_MEASURES = ("total", "notapplicable", "denominator", "exclusions", "exceptions", "numerator", "failed",
                  "fixed", "notchecked", "error", "unknown", "informational", "notselected", "judged", "rate",
                  "rate_low", "rate_high", "uncertain")


def report_frames(data: Dict[str, Any]) -> Dict[str, Any]:
    """The sections of an ``egenkontroll/report-1`` document (``Report.data``) as DataFrames.

    - ``items``: per checklist item and unit (``unit`` None = every unit): ``id, unit, title, kind,
      population, basis`` and the counts (``denominator``, ``numerator``, ``failed``, …, ``rate``,
      ``rate_low``, ``rate_high``, ``uncertain``);
    - ``deadlines``: per rule and unit: ``rule, unit, title, basis`` and the deadline counts
      (``obligations``, ``met``, ``late``, ``overdue``, ``on_time_rate``, ``late_median_days``, …);
    - ``units``: per unit (None = every unit), every rule together: ``unit`` and the deadline counts;
    - ``months``: per month of the judged end: ``month`` (datetime64, first day) and the counts;
    - ``overdue``: the obligations to act on: ``case, unit, rule, seq, start, legal, judged,
      days_overdue, basis`` (dates datetime64);
    - ``sarah``: the lex Sarah summary as ``group, name, count``, plus ``allvarlig`` for kategori,
      typ and unit (empty without a register).

    Rates are shares in 0 … 1 (NaN when nothing was judged); the numbers are those of the JSON.
    """
    pd = _pandas("report_frames")

    def counts_row(c: Dict[str, Any], measures: Tuple[str, ...]) -> Dict[str, Any]:
        return {m: c.get(m) for m in measures}

    items = []
    for it in data.get("items", []):
        base = {"id": it["id"], "title": it.get("title"), "kind": it.get("kind"),
                "population": it.get("population"), "basis": it.get("basis")}
        items.append({**base, "unit": None, **counts_row(it["counts"], _ITEM_MEASURES)})
        for u, c in it.get("by_unit", {}).items():
            items.append({**base, "unit": u, **counts_row(c, _ITEM_MEASURES)})
    deadlines = []
    for d in data.get("deadlines", []):
        base = {"rule": d["rule"], "title": d.get("title"), "basis": d.get("basis")}
        deadlines.append({**base, "unit": None, **counts_row(d["counts"], _DEADLINE_MEASURES)})
        for u, c in d.get("by_unit", {}).items():
            deadlines.append({**base, "unit": u, **counts_row(c, _DEADLINE_MEASURES)})
    total = data.get("deadlines_total", {})
    units = [{"unit": None, **counts_row(total.get("counts", {}), _DEADLINE_MEASURES)}]
    units += [{"unit": u, **counts_row(c, _DEADLINE_MEASURES)} for u, c in total.get("by_unit", {}).items()]
    months = [{"month": m["month"], **counts_row(m, _DEADLINE_MEASURES)} for m in data.get("deadlines_by_month", [])]
    overdue = [{"case": o["case"], "unit": o.get("unit"), "rule": o["rule"], "seq": o.get("seq") or 0,
                "start": o.get("start"), "legal": o.get("legal"), "judged": o.get("judged"),
                "days_overdue": o["days_overdue"], "basis": o.get("basis")} for o in data.get("overdue", [])]
    sarah_rows: List[Dict[str, Any]] = []
    s = data.get("sarah")
    if s:
        for key in ("records", "rejected", "anmald_ivo", "atgarder", "atgarder_forsenade",
                    "atgarder_sent_genomforda"):
            if key in s:
                sarah_rows.append({"group": key, "name": None, "count": s[key], "allvarlig": None})
        for group in ("state", "allvarlig", "E1", "E2"):
            for name, n in (s.get(group) or {}).items():
                sarah_rows.append({"group": group, "name": name, "count": n, "allvarlig": None})
        for group in ("typ", "kategori", "unit"):
            for g in s.get(group) or []:
                sarah_rows.append({"group": group, "name": g["name"], "count": g["count"],
                                   "allvarlig": g.get("allvarlig")})

    def frame(rows: List[Dict[str, Any]], columns: List[str], dates: Tuple[str, ...] = ()) -> Any:
        df = pd.DataFrame(rows, columns=columns)
        for c in dates:
            df[c] = pd.to_datetime(df[c], format="%Y-%m-%d" if c != "month" else "%Y-%m")
        return df

    return {
        "items": frame(items, ["id", "unit", "title", "kind", "population", "basis", *_ITEM_MEASURES]),
        "deadlines": frame(deadlines, ["rule", "unit", "title", "basis", *_DEADLINE_MEASURES]),
        "units": frame(units, ["unit", *_DEADLINE_MEASURES]),
        "months": frame(months, ["month", *_DEADLINE_MEASURES], ("month",)),
        "overdue": frame(overdue, ["case", "unit", "rule", "seq", "start", "legal", "judged", "days_overdue",
                                   "basis"], ("start", "legal", "judged")),
        "sarah": frame(sarah_rows, ["group", "name", "count", "allvarlig"]),
    }
