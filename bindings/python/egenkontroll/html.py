"""The egenkontroll report as one self-contained HTML page with charts.

    python3 -m egenkontroll.html --as-of 2026-03-01 --delegation examples/data/delegation.json \\
        --sarah examples/data/sarah.jsonl -o rapport.html examples/data/cases.jsonl

The page holds the figures of ``egenkontroll report`` for the period (default:
the last full calendar year before the as-of date) and of the period of the
same length just before it, with three charts drawn by matplotlib (Agg
backend, embedded as base64 PNG, so the file needs nothing else):

1. the rate per checklist item, this period against the previous one;
2. deadline compliance per month (share met on time among the obligations
   that fell due that month; bars: how many fell due), both periods;
3. the overdue backlog at the as-of date by age, per unit;

then tables of the same figures, the lex Sarah summary and the overdue
obligations to act on (case identifiers only).  From Python:
``egenkontroll.report.build_report(...).to_html(previous=...)`` or
:func:`render` on two report dicts.

The page is in Swedish only: its headings, labels and chart texts are written
here, not taken from the gettext catalogues (``egenkontroll report --lang en``
gives the text report in English).  Item and rule titles come from the library
and follow the process's locale like every library text.
"""
from __future__ import annotations

import argparse
import base64
import datetime
import html as _html
import io
import sys
from typing import Any, Dict, List, Optional, Sequence

__all__ = ["render", "main", "write_pdf"]

_BUCKETS = [(1, 7, "1–7 d"), (8, 30, "8–30 d"), (31, 90, "31–90 d"), (91, 180, "91–180 d"),
            (181, 365, "181–365 d"), (366, None, "> 1 år")]
_COLORS = ["#1f5f8b", "#e07b39", "#4c9a5b", "#8c5aa8", "#b8455b", "#6b6b6b"]


#: The lex Sarah states (egenkontroll/avvikelse-1 codes) and XCCDF results in Swedish words.
_STATE_SV = {"rapporterad": "rapporterad", "registrerad": "registrerad", "under_utredning": "under utredning",
             "bedomd": "bedömd", "anmald_ivo": "anmäld till IVO", "avslutad": "avslutad"}
_RESULT_SV = {"pass": "godkänd", "fail": "brist", "error": "fel", "unknown": "okänd",
              "notapplicable": "ej tillämplig", "notchecked": "ej granskad", "notselected": "ej i urvalet",
              "informational": "öppen rättsfråga", "fixed": "åtgärdad"}
_MONTHS_SV = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _e(x: Any) -> str:
    return _html.escape("" if x is None else str(x))


def _pct(rate: Optional[float]) -> str:
    return "–" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


def _rate_cell(c: Dict[str, Any]) -> Any:
    """A rate with n judged and the library's Wilson 95 % interval; an uncertain rate (fewer judged than the
    policy's ``minsta_underlag``, flagged by the library) marked."""
    if c.get("rate") is None:
        return "–"
    n = int(c["judged"])
    text = _pct(c["rate"])
    if c.get("rate_low") is not None and c.get("rate_high") is not None:
        ci = f'{c["rate_low"] * 100:.1f}–{c["rate_high"] * 100:.1f} %'.replace(".", ",")
        text += f' <span class="ci">(n {n}; {ci})</span>'
    else:
        text += f' <span class="ci">(n {n})</span>'
    if c.get("uncertain"):
        text += ' <span class="unc" title="för få bedömda ärenden (policyns minsta_underlag)">osäker</span>'
    return (text, "")


def _num(x: Optional[float]) -> str:
    if x is None:
        return "–"
    return (f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}").replace(".", ",")


def _unit(u: str) -> str:
    return u or "(ingen enhet)"


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _period_label(rep: Dict[str, Any]) -> str:
    p = rep.get("period") or {}
    if p.get("from") or p.get("to"):
        return f"{p.get('from') or '…'} – {p.get('to') or '…'}"
    s = rep.get("cases_span") or {}
    return f"alla ärenden ({s.get('first') or '…'} – {s.get('last') or '…'})"


def _chart_items(cur: Dict[str, Any], prev: Optional[Dict[str, Any]]) -> str:
    import matplotlib.pyplot as plt
    items = [i for i in cur["items"] if i["counts"]["denominator"] > 0 or
             (prev and any(p["id"] == i["id"] and p["counts"]["denominator"] > 0 for p in prev["items"]))]
    ids = [i["id"] for i in items]
    cr = [(i["counts"]["rate"] or 0) * 100 for i in items]
    has_c = [i["counts"]["rate"] is not None for i in items]
    nj = [i["counts"]["judged"] for i in items]
    unc = [bool(i["counts"].get("uncertain")) for i in items]
    pmap = {p["id"]: p["counts"]["rate"] for p in prev["items"]} if prev else {}
    pr = [(pmap.get(i) or 0) * 100 for i in ids]
    has_p = [pmap.get(i) is not None for i in ids]
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(ids) + 1.4))
    y = list(range(len(ids)))
    h = 0.38 if prev else 0.6
    ax.barh([v - h / 2 if prev else v for v in y], cr, height=h, color=_COLORS[0], label=_period_label(cur))
    if prev:
        ax.barh([v + h / 2 for v in y], pr, height=h, color="#b0b7bf", label=_period_label(prev) + " (föregående)")
    for k in range(len(ids)):
        if has_c[k]:
            ax.text(cr[k] + 1, y[k] - (h / 2 if prev else 0), f"{cr[k]:.0f} % (n {nj[k]})", va="center",
                    fontsize=7, color="#8a5a00" if unc[k] else "#000")
        else:
            ax.text(1, y[k] - (h / 2 if prev else 0), "inget underlag", va="center", fontsize=7, color="#666")
        if prev and not has_p[k]:
            pass
    ax.set_yticks(y)
    ax.set_yticklabels(ids)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel("andel godkända av bedömda ärenden (%)")
    ax.set_title("Checklistan: andel per punkt, perioden mot föregående period")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=2, fontsize=8, frameon=False)
    return _png(fig)


def _months(rep: Optional[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The months of the period's cohort that are over at the as-of date and had obligations falling due.

    Months after the period's end (later obligations of its cases) and the as-of month itself (its
    obligations are still running: only the ones already met would count, an artificial 100 %) are left
    out, so the series ends where the figures are complete."""
    if rep is None:
        return []
    p = rep.get("period") or {}
    lo = (p.get("from") or "0000-01")[:7]
    hi = (p.get("to") or "9999-12")[:7]
    as_of = (rep.get("as_of") or "9999-12")[:7]
    return [m for m in rep.get("deadlines_by_month", [])
            if m["due"] > 0 and lo <= m["month"] <= hi and m["month"] < as_of]


def _month_index(rep: Dict[str, Any], month: str) -> int:
    """Months since the start of the period (0 = its first month)."""
    p = rep.get("period") or {}
    first = (p.get("from") or month)[:7]
    return (int(month[:4]) - int(first[:4])) * 12 + int(month[5:7]) - int(first[5:7])


def _month_label(month: str) -> str:
    return f"{_MONTHS_SV[int(month[5:7]) - 1]} {month[:4]}"


def _chart_months(cur: Dict[str, Any], prev: Optional[Dict[str, Any]]) -> str:
    import matplotlib.pyplot as plt
    series = [(prev, "#8f99a3", "föregående period"), (cur, _COLORS[0], "perioden")]
    fig, ax = plt.subplots(figsize=(9, 3.6))
    ax2 = ax.twinx()
    labels: List[str] = []
    width = 0.38 if prev else 0.7
    for k, (rep, color, name) in enumerate(series):
        ms = _months(rep)
        if not ms:
            continue
        xs = [_month_index(rep, m["month"]) for m in ms]
        off = (k - 0.5) * width if prev else 0.0
        ax2.bar([x + off for x in xs], [m["due"] for m in ms], width=width, color=color, alpha=0.22)
        ys = [float("nan") if m["on_time_rate"] is None else m["on_time_rate"] * 100 for m in ms]
        ax.plot(xs, ys, marker="o", ms=3, color=color, label=f"{name}: {_period_label(rep)}")
        labels.append(name)
    ms = _months(cur)
    if ms:
        n = max(_month_index(cur, m["month"]) for m in ms) + 1
        first = ((cur.get("period") or {}).get("from") or ms[0]["month"])[:7]
        ticks = list(range(n))
        m0 = int(first[5:7]) - 1
        ax.set_xticks(ticks)
        ax.set_xticklabels([_MONTHS_SV[(m0 + t) % 12] for t in ticks], fontsize=8)
    ax.set_ylim(0, 105)
    ax.set_ylabel("klara i tid (%)")
    ax2.set_ylabel("frister som löpte ut (antal)")
    ax.set_xlabel("månad i perioden (föregående period på samma plats ett år tidigare)" if prev else
                  "månad i perioden")
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.set_title("Frister per månad: andel klara i tid (linje) och antal som löpte ut (staplar)")
    ax.grid(axis="y", alpha=0.3)
    if labels:
        ax.legend(loc="lower left", fontsize=8)
    return _png(fig)


def _backlog_counts(cur: Dict[str, Any]) -> Dict[str, List[int]]:
    """Overdue obligations per unit and age bucket (_BUCKETS)."""
    units = cur.get("units") or [""]
    counts = {u: [0] * len(_BUCKETS) for u in units}
    for o in cur.get("overdue", []):
        d = o["days_overdue"]
        for k, (lo, hi, _) in enumerate(_BUCKETS):
            if d >= lo and (hi is None or d <= hi):
                counts.setdefault(o["unit"], [0] * len(_BUCKETS))[k] += 1
                break
    return counts


def _chart_backlog(cur: Dict[str, Any]) -> str:
    import matplotlib.pyplot as plt
    counts = _backlog_counts(cur)
    fig, ax = plt.subplots(figsize=(9, 3.4))
    x = list(range(len(_BUCKETS)))
    bottom = [0] * len(_BUCKETS)
    for n, (u, vals) in enumerate(counts.items()):
        ax.bar(x, vals, bottom=bottom, color=_COLORS[n % len(_COLORS)], label=_unit(u))
        bottom = [b + v for b, v in zip(bottom, vals)]
    for k, tot in enumerate(bottom):
        ax.text(k, tot + max(bottom + [1]) * 0.01, str(tot), ha="center", fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels([b[2] for b in _BUCKETS])
    ax.set_ylabel("försenade frister")
    ax.set_title(f"Försenade frister per {cur.get('as_of')}: hur länge de varit försenade, per enhet")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;
line-height:1.4;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:2px solid #1f5f8b;
padding-bottom:.2em}.meta{color:#555;font-size:.92em}.meta td{padding:0 1em 0 0}
table.t{border-collapse:collapse;font-size:.85em;margin:.6em 0;width:100%}
table.t th,table.t td{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:right;vertical-align:top;
white-space:nowrap}table.t td.l{white-space:normal}.wrap{overflow-x:auto}
table.t th{background:#f2f5f8;text-align:right}table.t td.l,table.t th.l{text-align:left}
td.basis{color:#555;font-size:.9em;text-align:left}.up{color:#2e7d32}.down{color:#c62828}
.warn{background:#fff4e5;border-left:4px solid #e07b39;padding:.5em 1em}img{max-width:100%}
caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0;color:#333}
.ci{color:#555;font-size:.9em}.unc{color:#8a5a00;font-weight:600}
.kpis{display:flex;gap:1em;flex-wrap:wrap;margin:1em 0}.kpi{background:#f2f5f8;border-radius:6px;padding:.6em 1em;
min-width:10em}.kpi b{display:block;font-size:1.5em;color:#1f5f8b}
figure{margin:1em 0}figcaption{font-size:.85em;color:#555}
@page{size:A4;margin:14mm 12mm 16mm 12mm;
@bottom-center{content:"Sida " counter(page) " av " counter(pages);font-size:8pt;color:#555}}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}h2{break-before:page;margin-top:0}
.wrap{overflow:visible}table.t{font-size:8pt}table.t th{white-space:normal}table.t td.l{min-width:15em}tr,img,figure,.kpi{break-inside:avoid}
thead{display:table-header-group}.kpi{border:1px solid #ccc}}
"""


def _table(head: Sequence[str], rows: Sequence[Sequence[Any]], left: Sequence[int] = (0,),
           caption: str = "") -> str:
    out = ['<div class="wrap"><table class="t">']
    if caption:
        out.append(f"<caption>{_e(caption)}</caption>")
    if any(head):
        out.append("<thead><tr>")
        out += [f'<th class="{"l" if i in left else ""}" scope="col">{_e(h)}</th>' for i, h in enumerate(head)]
        out.append("</tr></thead>")
    for r in rows:
        out.append("<tr>")
        for i, c in enumerate(r):
            cls = "l" if i in left else ""
            if isinstance(c, tuple):  # (html, class)
                out.append(f'<td class="{cls} {c[1]}">{c[0]}</td>')
            else:
                out.append(f'<td class="{cls}">{_e(c)}</td>')
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def _delta(cur: Optional[float], prev: Optional[float]) -> Any:
    if cur is None or prev is None:
        return "–"
    d = (cur - prev) * 100
    cls = "up" if d > 0.05 else "down" if d < -0.05 else ""
    return (_e(f"{d:+.1f} p.e.".replace(".", ",", 1)), cls)


def render(cur: Dict[str, Any], prev: Optional[Dict[str, Any]] = None, title: Optional[str] = None,
           period_note: Optional[str] = None) -> str:
    """One self-contained HTML page for report dict ``cur`` (``Report.data``), compared with ``prev``.

    ``period_note`` is a sentence on how the period was chosen (shown under it)."""
    import matplotlib
    matplotlib.use("Agg")
    inp = cur["input"]
    tot = cur["deadlines_total"]["counts"]
    title = title or "Egenkontroll – rapport"
    pmap = {p["id"]: p for p in prev["items"]} if prev else {}
    rejected = inp["cases_rejected"] + inp["sarah_rejected"]
    # never headline an uncertain rate (the library flags fewer judged cases than the policy's minsta_underlag)
    judged_items = [i for i in cur["items"] if i["counts"]["rate"] is not None
                    and not i["counts"].get("uncertain", True)]
    low = sorted(judged_items, key=lambda i: i["counts"]["rate"])[:3]

    parts = [f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{_e(title)}</title>'
             f'<style>{_CSS}</style></head><body>']
    parts.append(f"<h1>{_e(title)}</h1>")
    parts.append('<table class="meta"><caption>Om rapporten</caption>')
    parts.append(f"<tr><td>Per</td><td>{_e(cur['as_of'])}</td></tr>")
    parts.append(f"<tr><td>Period</td><td>{_e(_period_label(cur))} (ärenden vars första händelse ligger i "
                 f"perioden){(' ' + _e(period_note)) if period_note else ''}</td></tr>")
    if prev:
        parts.append(f"<tr><td>Jämförs med</td><td>{_e(_period_label(prev))}</td></tr>")
    parts.append(f"<tr><td>Underlag</td><td>{inp['cases_read']} ärenden lästa, {inp['cases_in_period']} i "
                 f"perioden, {inp['cases_checked']} granskade mot checklistan; {inp['sarah_in_period']} lex "
                 f"Sarah-avvikelser</td></tr>")
    parts.append(f"<tr><td>Regelverk</td><td>checklista {_e(cur['checklist']['id'])} "
                 f"{_e(cur['checklist']['version'])}, regelbok {_e(cur['rulebook'])}, libegenkontroll "
                 f"{_e(cur['library'])}</td></tr></table>")
    if rejected:
        parts.append(f'<p class="warn">{rejected} poster kunde inte läsas och ingår inte i siffrorna '
                     f'(se avsnittet Underlag sist).</p>')
    parts.append('<div class="kpis">')
    parts.append(f'<div class="kpi"><b>{_pct(tot["on_time_rate"])}</b>frister klara i tid</div>')
    parts.append(f'<div class="kpi"><b>{tot["overdue"]}</b>försenade frister nu</div>')
    parts.append(f'<div class="kpi"><b>{tot["open"]}</b>öppna frister nu</div>')
    parts.append(f'<div class="kpi"><b>{_num(tot["late_median_days"])} d</b>median försening (sena)</div>')
    if low:
        parts.append('<div class="kpi"><b>' + ", ".join(_e(i["id"]) for i in low) +
                     f'</b>lägst andel i checklistan (säkra andelar)</div>')
    parts.append("</div>")

    parts.append("<h2>1. Checklistan</h2>")
    alt = "Stapeldiagram, andel godkända per punkt: " + "; ".join(
        f'{i["id"]} {_pct(i["counts"]["rate"])}' + (f' (föregående {_pct(pmap.get(i["id"], {}).get("counts", {}).get("rate"))})'
                                                    if prev else "")
        for i in cur["items"] if i["counts"]["denominator"] > 0) + ". Samma siffror i tabellen nedan."
    parts.append(f'<figure><img alt="{_e(alt)}" src="{_chart_items(cur, prev)}"></figure>')
    rows = []
    for i in cur["items"]:
        c = i["counts"]
        p = pmap.get(i["id"], {}).get("counts", {})
        rows.append([i["id"], (f'{_e(i["title"])}<div class="basis">{_e(i["basis"])}</div>', "l"),
                     c["denominator"], c["numerator"], c["failed"] + c["fixed"],
                     c["notchecked"] + c["unknown"] + c["informational"], c["error"], c["exceptions"],
                     _rate_cell(c)] + ([_pct(p.get("rate")), _delta(c["rate"], p.get("rate"))] if prev else []))
    parts.append(_table(["Punkt", "Titel och rättslig grund", "Berörda", "Godkända", "Brister", "Ej granskade",
                         "Fel", "Undantag", "Andel"] + (["Föreg.", "Förändring"] if prev else []), rows, left=(0, 1),
                        caption="Checklistan per punkt: antal ärenden och andel godkända av bedömda"))
    parts.append('<p class="meta">Andel visas med n = antal bedömda ärenden och ett 95-procentigt '
                 'konfidensintervall (Wilson); andelar av färre bedömda än policyns minsta underlag '
                 '(minsta_underlag, standard 10) är markerade osäker och '
                 'lyfts aldrig fram som lägst.</p>')
    parts.append('<p class="meta">Berörda = ärenden punkten gäller. Andel = godkända / (godkända + brister); '
                 'undantag (t.ex. synnerliga skäl) och det som inte kunnat bedömas räknas inte in och redovisas '
                 'bredvid. E1–E2 räknas per lex Sarah-avvikelse; F1 gäller körningen själv: vem som utförde den '
                 'och vilka åtgärder som beslutades dokumenteras med <code>egenkontroll check --record</code>.</p>')

    parts.append("<h2>2. Frister (bevakning)</h2>")
    mrows = []
    for rep_, name in ((cur, "perioden"), (prev, "föregående period")):
        for m in _months(rep_):
            mrows.append([_month_label(m["month"]), name, m["due"], m["met"], m["late"], m["overdue"],
                          _pct(m["on_time_rate"])])
    alt = ("Linje- och stapeldiagram, frister per månad i perioden: " +
           "; ".join(f'{_month_label(m["month"])} {_pct(m["on_time_rate"])} i tid av {m["due"]}'
                     for m in _months(cur)) + ". Samma siffror i tabellen under diagrammet.")
    parts.append(f'<figure><img alt="{_e(alt)}" src="{_chart_months(cur, prev)}"></figure>')
    parts.append(_table(["Månad", "Period", "Löpte ut", "I tid", "Sena", "Ej klara", "I tid %"], mrows, left=(0, 1),
                        caption="Frister per månad då de löpte ut (hela månader före rapportdagen)"))
    titles = {d["rule"]: d.get("title") or d["rule"] for d in cur["deadlines"]}
    rows = []
    for d in cur["deadlines"] + [{"rule": "Totalt", "title": "Totalt", "basis": "", **cur["deadlines_total"]}]:
        c = d["counts"]
        if c["obligations"] == 0:
            continue
        rows.append([(f'{_e(d["title"] or d["rule"])}<div class="basis">{_e(d["basis"])}</div>', "l"),
                     c["obligations"], c["met"],
                     c["late"], c["overdue"], c["pending"], c["error"], _pct(c["on_time_rate"]),
                     _num(c["late_median_days"]), c["open"]])
    parts.append(_table(["Frist och rättslig grund", "Frister", "I tid", "Sena", "Ej klara", "Väntar", "Fel",
                         "I tid %", "Median försening (d)", "Öppna nu"], rows,
                        caption="Frister per regel: antal, andel klara i tid och försening"))
    parts.append('<p class="meta">I tid % = i tid / (i tid + sena + ej klara efter slutdagen). Månaden är den då '
                 'fristen löpte ut (den slutdag som bedömer fristen).</p>')

    units = cur.get("units") or []
    if len(units) > 1 or (units and units[0]):
        parts.append("<h2>3. Per enhet</h2>")
        rows = []
        for i in cur["items"]:
            if i["counts"]["denominator"] == 0:
                continue
            rows.append([i["id"], i["title"]] + [f'{_pct(i["by_unit"][u]["rate"])} ({i["by_unit"][u]["denominator"]})'
                                                 for u in units])
        parts.append(_table(["Punkt", "Titel"] + [_unit(u) for u in units], rows, left=(0, 1),
                            caption="Checklistan per enhet: andel godkända (antal berörda ärenden)"))
        rows = []
        for d in cur["deadlines"] + [{"rule": "Totalt", "title": "Totalt", **cur["deadlines_total"]}]:
            if d["counts"]["obligations"] == 0:
                continue
            rows.append([d.get("title") or d["rule"]] +
                        [f'{_pct(d["by_unit"][u]["on_time_rate"])} ({d["by_unit"][u]["overdue"]})' for u in units])
        parts.append(_table(["Frist"] + [_unit(u) for u in units], rows,
                            caption="Frister per enhet: andel klara i tid (försenade nu)"))

    parts.append("<h2>4. Lex Sarah</h2>")
    s = cur.get("sarah")
    if not s:
        parts.append("<p>Inget lex Sarah-register angavs.</p>")
    else:
        parts.append(_sarah_table(s))

    n = len(cur.get("overdue", []))
    parts.append(f"<h2>5. Försenade frister att åtgärda ({n})</h2>")
    buckets = _backlog_counts(cur)
    alt = ("Staplat stapeldiagram, försenade frister efter hur länge de varit försenade: " +
           "; ".join(f"{b[2]} {sum(v[k] for v in buckets.values())}" for k, b in enumerate(_BUCKETS)) +
           ". Per enhet i tabellen under diagrammet.")
    parts.append(f'<figure><img alt="{_e(alt)}" src="{_chart_backlog(cur)}"></figure>')
    parts.append(_table(["Enhet"] + [b[2] for b in _BUCKETS] + ["Totalt"],
                        [[_unit(u)] + v + [sum(v)] for u, v in buckets.items()],
                        caption="Försenade frister efter ålder och enhet (antal)"))
    rows = [[o["case"], _unit(o["unit"]), titles.get(o["rule"], o["rule"]) + (f' #{o["seq"]}' if o.get("seq") else ""),
             o["legal"], o["days_overdue"]] for o in cur.get("overdue", [])]
    parts.append(_table(["Ärende", "Enhet", "Frist", "Laglig slutdag", "Dagar försenad"], rows, left=(0, 1, 2),
                        caption=f"Försenade frister att åtgärda, äldst först ({n})"))

    parts.append("<h2>Underlag</h2>")
    parts.append(f"<p>{inp['cases_read']} ärenden och {inp['sarah_read']} lex Sarah-avvikelser lästa; "
                 f"{inp['cases_rejected']} ärenden och {inp['sarah_rejected']} avvikelser avvisade.</p>")
    if inp.get("rejected"):
        rows = [[r["source"] or "", r["line"] or "", r["id"] or "", r["message"]] for r in inp["rejected"]]
        parts.append(_table(["Fil", "Rad", "Id", "Fel"], rows, left=(0, 2, 3), caption="Poster som inte kunde läsas"))
    parts.append('<p class="meta">Rapporten innehåller endast ärendeidentiteter – inga namn eller '
                 'personnummer. Framtagen med libegenkontroll.</p></body></html>')
    return "\n".join(parts)


def _sarah_table(s: Dict[str, Any]) -> str:
    """The register summary of ek_sarah_summary_write_json() as a table."""
    st = s.get("state", {})
    al = s.get("allvarlig", {})
    dg = s.get("dagar_rapport_till_ivo", {})
    res = lambda d: ", ".join(f"{_RESULT_SV.get(k, k)} {v}" for k, v in (d or {}).items()) or "–"  # noqa: E731
    grp = lambda g: ", ".join(f"{x['name']} {x['count']} (allvarliga {x['allvarlig']})"  # noqa: E731
                              for x in s.get(g, [])) or "–"
    rows = [["Avvikelser i perioden", s.get("records", 0)], ["Avvisade poster", s.get("rejected", 0)],
            ["Status", ", ".join(f"{_STATE_SV.get(k, k)} {v}" for k, v in st.items())],
            ["Allvarliga / inte allvarliga / ej bedömda",
             f"{al.get('true', 0)} / {al.get('false', 0)} / {al.get('unknown', 0)}"],
            ["Anmälda till IVO", s.get("anmald_ivo", 0)],
            ["Dagar från rapport till anmälan (median, min–max)",
             f"{_num(dg.get('median'))} ({dg.get('min', '–')}–{dg.get('max', '–')}, n {dg.get('n', 0)})"
             if dg.get("n") else "–"],
            ["E1 tidsgränser", res(s.get("E1"))], ["E2 utredningens innehåll", res(s.get("E2"))],
            ["Åtgärder (ej genomförda efter slutdatum / genomförda för sent)",
             f"{s.get('atgarder', 0)} ({s.get('atgarder_forsenade', 0)} / {s.get('atgarder_sent_genomforda', 0)})"],
            ["Per typ", grp("typ")], ["Per kategori", grp("kategori")], ["Per enhet", grp("unit")]]
    return _table(["Mått", "Värde"], rows, left=(0, 1), caption="Lex Sarah-registret i perioden")


class _Usage(Exception):
    """A bad command line (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line and exit 2, as the command-line tool does
        raise _Usage(f"{message} (see python3 -m egenkontroll.html --help)")


def _iso(option: str, text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise _Usage(f'{option}: "{text}" is not a date (YYYY-MM-DD)') from None


def _fail(message: str, status: int) -> int:
    print(f"egenkontroll.html: {' '.join(str(message).split())}", file=sys.stderr)
    return status


def write_pdf(page: str, path: str) -> None:
    """Print HTML ``page`` to the PDF file ``path`` with headless Chromium (the print stylesheet, page
    numbers from its @page rules).  Chromium is the engine because it lays out exactly the page a
    reader opens in a browser, print stylesheet included, and is packaged by Debian; no second layout
    engine to keep in step.  Raises OSError when Chromium is missing or fails."""
    import os
    import shutil
    import subprocess
    import tempfile
    exe = os.environ.get("EK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")
    if not exe:
        raise OSError("--pdf needs Chromium (Debian: apt install chromium; or set EK_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="ek-pdf-") as tmp:
        src = os.path.join(tmp, "rapport.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(page)
        out = os.path.abspath(path)
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={os.path.join(tmp, 'profile')}", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", "file://" + src]
        # A library preloaded into this process (e.g. a sanitizer runtime) is not the browser's business.
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
        if p.returncode != 0 or not os.path.exists(out) or os.path.getsize(out) == 0:
            raise OSError(f"Chromium could not print the PDF (exit {p.returncode}): "
                          f"{(p.stderr.strip().splitlines() or [''])[-1]}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line; errors are one line on standard error with the tool's exit statuses: 2 for a bad
    command line or option file, 3 for a case or register file that cannot be read (or rejected records),
    4 when the page cannot be written."""
    try:
        return _main(argv)
    except _Usage as e:
        return _fail(str(e), 2)


def _main(argv: Optional[Sequence[str]]) -> int:
    from ._errors import EgenkontrollError
    from .report import build_report, default_period, previous_period
    ap = _Parser(prog="python3 -m egenkontroll.html",
                 description="Write the egenkontroll report as one self-contained HTML file (and PDF).")
    ap.add_argument("files", nargs="+", metavar="FILE", help="case files (egenkontroll/case-1 JSON Lines)")
    ap.add_argument("--as-of", help="judge as of this date (default: today)")
    ap.add_argument("--from", dest="date_from", help="period start (default: 1 January of the year before as-of)")
    ap.add_argument("--to", dest="date_to", help="period end (default: 31 December of that year)")
    ap.add_argument("--delegation", help="delegation order (egenkontroll/delegation-1) for item C1")
    ap.add_argument("--sarah", action="append", default=[], help="lex Sarah register (may be repeated)")
    ap.add_argument("--checklist", help="a checklist of one's own (egenkontroll/checklist-1)")
    ap.add_argument("--policy", help="policy parameters (egenkontroll/policy-1)")
    ap.add_argument("--sample", type=int, help="checklist over at most N cases per unit")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--answers", action="append", default=[],
                    help="reviewers' answers (egenkontroll/granskning-1 or the review xlsx; may be repeated)")
    ap.add_argument("--title", help="page title")
    ap.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    ap.add_argument("--pdf", metavar="FILE", help="also print the page to this PDF file (headless Chromium)")
    a = ap.parse_args(argv)
    as_of = _iso("--as-of", a.as_of) if a.as_of else datetime.date.today()
    if a.date_from or a.date_to:
        if not (a.date_from and a.date_to):
            raise _Usage("--from and --to go together")
        d_from, d_to = _iso("--from", a.date_from), _iso("--to", a.date_to)
        if d_from > d_to:
            raise _Usage(f"--from {d_from} is after --to {d_to}")
        note = None
    else:
        d_from, d_to = default_period(as_of)
        note = ("Perioden är förvald: kalenderåret före rapportdagen (ange --from och --to för en annan); "
                "egenkontroll report tar utan --from/--to alla ärenden.")
    p_from, p_to = previous_period(d_from, d_to)
    from .checklist import Checklist, Delegation
    from .context import Context
    try:
        ctx = Context(policy_file=a.policy) if a.policy else None
        deleg = Delegation.load(a.delegation) if a.delegation else None
        cl = Checklist.load(a.checklist) if a.checklist else None
        from .answers import load_answers
        answers = load_answers(a.answers) if a.answers else None
    except (EgenkontrollError, OSError, ValueError) as e:
        return _fail(str(e), 2)
    common = dict(sarah=a.sarah, delegation=deleg, checklist=cl, context=ctx, as_of=as_of,
                  sample=a.sample, seed=a.seed, answers=answers)
    try:
        with build_report(a.files, date_from=d_from, date_to=d_to, **common) as cur, \
                build_report(a.files, date_from=p_from, date_to=p_to, **common) as prev:
            page = cur.to_html(previous=prev, title=a.title, period_note=note)
            rejected = cur.rejected
            notes = cur.answer_notes
    except (EgenkontrollError, OSError) as e:
        return _fail(str(e), 3)
    for n in notes:
        print(f"egenkontroll.html: --answers: {'warning: ' if n.warning else ''}{n}", file=sys.stderr)
    if any(not n.warning for n in notes):
        rejected += 1
    try:
        if a.output == "-":
            sys.stdout.write(page)
        else:
            with open(a.output, "w", encoding="utf-8") as f:
                f.write(page)
        if a.pdf:
            write_pdf(page, a.pdf)
    except OSError as e:
        return _fail(str(e), 4)
    if rejected:
        print(f"egenkontroll.html: {rejected} input records were rejected (see the page)", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
