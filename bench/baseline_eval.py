#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The straightforward Python script an analyst would write (issue 9, benchmark 3).

    baseline_eval.py [--as-of 2025-12-31] INPUT.jsonl [-o OUTPUT.jsonl]

Reads `egenkontroll/case-1` JSON Lines with the standard json module and evaluates six
statutory time limits of every case at the as-of date, with the semantics of
libegenkontroll's rulebook (include/egenkontroll/rules.h, lib/evaluate.c, lib/rules.c)
and its default policy (legal end judges; "genast" = 1 day; visits every 3 months):

    skyddsbedomning        report -> skyddsbedömning within the policy margin (1 day)
    forhandsbedomning      report -> decision within 14 days; not applicable when the
                           report is joined to a running investigation (pagaende_utredning,
                           or an investigation open on the day); synnerliga skäl exception
    utredning              investigation -> completed within 4 months; extensions
                           (utredning_forlangd.ny_slutdag) decided in time move the end
    information_utredning  investigation -> information within 1 day
    overvagande_sol        SoL placement -> review every 6 months (recurring)
    besok_placerat_barn    placement -> visit every 3 months (recurring)

Counting (DOMAIN.md §3): days with the start day not counted; months by Lag (1930:173)
1 § (same day number, else the month's last day, always counted from the same anchor);
the legal end rolled by 2 § to the next day that is not a Saturday, Sunday, public
holiday (Lag 1989:253), midsommarafton, julafton or nyårsafton.  Only events dated on
or before the as-of date count.  Each rule has a version under SoL (2001:453) up to
2025-06-30 and one under SoL (2025:400) from 2025-07-01: the version in force on the
due date applies (never before the version entered into force).

One output line per case: {"id", "as_of", "obligations": [{"rule", "seq"?, "start",
"nominal", "legal", "judged", "done", "status", "basis", "flags", "start_event",
"done_event", "extension_event"}]}, or {"id", "error"} for a line that cannot be read.
Standard library only; deliberately plain (no tricks a typical analyst would not use).
"""
import argparse
import datetime
import functools
import json
import sys

OLD_END = datetime.date(2025, 6, 30).toordinal()
NEW_FROM = datetime.date(2025, 7, 1).toordinal()
Y2013 = datetime.date(2013, 1, 1).toordinal()

# ---- calendar -------------------------------------------------------------------------


def easter(year):
    """Gregorian Easter Sunday (anonymous computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.lru_cache(maxsize=None)
def closed_days(year):
    """Ordinals of the public holidays and 2 § eves of @year (weekends are checked apart)."""
    D = datetime.date
    td = datetime.timedelta
    e = easter(year)
    days = [D(year, 1, 1), D(year, 1, 6), e - td(days=2), e, e + td(days=1), D(year, 5, 1),
            e + td(days=39), e + td(days=49), D(year, 12, 24), D(year, 12, 25), D(year, 12, 26),
            D(year, 12, 31)]
    if year >= 2005:
        days.append(D(year, 6, 6))          # nationaldagen
    else:
        days.append(e + td(days=50))        # annandag pingst, up to 2004
    for d in range(20, 27):                 # midsommardagen (Saturday 20-26 June) and its eve
        if D(year, 6, d).weekday() == 5:
            days.append(D(year, 6, d))
            days.append(D(year, 6, d - 1))
    first = D(year, 10, 31)
    for k in range(7):                      # alla helgons dag (Saturday 31 Oct - 6 Nov)
        if (first + td(days=k)).weekday() == 5:
            days.append(first + td(days=k))
    return frozenset(x.toordinal() for x in days)


def is_closed(o):
    if o % 7 in (0, 6):                     # ordinal % 7: 0 Sunday, 6 Saturday
        return True
    return o in closed_days(datetime.date.fromordinal(o).year)


def roll(o):
    """1930:173 2 §: the next day that is not a Saturday, Sunday, holiday or eve."""
    while is_closed(o):
        o += 1
    return o


def add_months(o, n):
    """1930:173 1 §: the same day number n months later, else that month's last day."""
    d = datetime.date.fromordinal(o)
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(y, m, min(d.day, last)).toordinal()


def add_period(o, n, unit):
    if unit == "d":
        return o + n
    if unit == "w":
        return o + 7 * n
    if unit == "m":
        return add_months(o, n)
    return add_months(o, 12 * n)


# ---- the rules (versions: valid from, valid to, (n, unit), basis) ------------------------

RULES = {
    "skyddsbedomning": [(Y2013, OLD_END, (1, "d"), "SoL (2001:453) 11 kap. 1 a § 1 st."),
                        (NEW_FROM, None, (1, "d"), "SoL (2025:400) 20 kap. 1 §")],
    "forhandsbedomning": [(Y2013, OLD_END, (14, "d"), "SoL (2001:453) 11 kap. 1 a § 2 st."),
                          (NEW_FROM, None, (14, "d"), "SoL (2025:400) 20 kap. 2 §")],
    "utredning": [(None, OLD_END, (4, "m"), "SoL (2001:453) 11 kap. 2 § 2 st."),
                  (NEW_FROM, None, (4, "m"), "SoL (2025:400) 20 kap. 3 §")],
    "information_utredning": [(None, OLD_END, (1, "d"), "SoL (2001:453) 11 kap. 2 § 3 st."),
                              (NEW_FROM, None, (1, "d"), "SoL (2025:400) 20 kap. 4 §")],
    "overvagande_sol": [(None, OLD_END, (6, "m"), "SoL (2001:453) 6 kap. 8 § 1 st."),
                        (NEW_FROM, None, (6, "m"), "SoL (2025:400) 22 kap. 13 §")],
    "besok_placerat_barn": [(None, OLD_END, (3, "m"), "SoL (2001:453) 6 kap. 7 b–c §§"),
                            (NEW_FROM, None, (3, "m"), "SoL (2025:400) 22 kap. 11–12 §§")],
}


def due(rule, start, mult=1):
    """(nominal, legal, basis, clamped) of the version in force on its own due date, or None."""
    for frm, to, (n, unit), basis in RULES[rule]:
        nominal = add_period(start, n * mult, unit)
        clamped = False
        if frm is not None and nominal < frm:
            nominal, clamped = frm, True
        if to is None or nominal <= to:
            return nominal, roll(nominal), basis, clamped
    return None


def new_obligation(rule, start, start_event):
    return {"rule": rule, "start": start, "nominal": None, "legal": None, "judged": None,
            "done": None, "status": "pending", "basis": RULES[rule][-1][3], "flags": [],
            "start_event": start_event, "done_event": None, "extension_event": None}


def set_due(o, rule, start, mult=1):
    d = due(rule, start, mult)
    if d is None:
        o["status"] = "notapplicable"
        return False
    o["nominal"], o["legal"], o["basis"], clamped = d
    if clamped:
        o["flags"].append("ikrafttradande")
    return True


def judge(o, as_of):
    if o["status"] in ("error", "notapplicable"):
        return
    end = o["legal"]
    o["judged"] = end
    exc = "undantag" in o["flags"]
    if o["done"] is not None:
        if o["done"] < o["start"]:
            o["status"] = "error"
        elif exc or end is None or o["done"] <= end:
            o["status"] = "met"
        else:
            o["status"] = "late"
    elif exc or end is None or as_of <= end:
        o["status"] = "pending"
    else:
        o["status"] = "overdue"


# ---- pairing --------------------------------------------------------------------------
# Events are dicts with keys: i (index in the case), type, date (ordinal), id, ref, raw.

def find_completion(evs, used, st, types, lo, hi=None):
    """A completion naming the start by ref; else the first unused unreferenced one in [lo, hi]."""
    if st["id"] is not None:
        for k, e in enumerate(evs):
            if e["type"] in types and not used[k] and e["ref"] == st["id"]:
                return k
    for k, e in enumerate(evs):
        if e["type"] not in types or used[k] or e["ref"] is not None:
            continue
        if e["date"] < lo:
            continue
        if hi is not None and e["date"] > hi:
            break
        return k
    return None


def check_early(evs, used, o, types, prev_start, st):
    """A start left uncompleted although an unused completion is dated before it: error."""
    if o["done"] is not None or o["status"] in ("error", "notapplicable"):
        return
    for k, e in enumerate(evs):
        if e["date"] >= st["date"]:
            break
        if e["type"] in types and not used[k] and e["ref"] is None and (prev_start is None or e["date"] > prev_start):
            used[k] = True
            o["done_event"] = e["i"]
            o["status"] = "error"
            return


def next_start_date(evs, sk, types):
    for e in evs[sk + 1:]:
        if e["type"] in types and e["date"] > evs[sk]["date"]:
            return e["date"]
    return None


def investigation_running(evs, date):
    open_k = None
    for k, e in enumerate(evs):
        if e["date"] >= date:
            break
        if e["type"] == "utredning_inledd":
            open_k = k
        elif e["type"] == "utredning_avslutad":
            open_k = None
    if open_k is not None:
        for e in evs:
            if e["type"] == "utredning_avslutad" and e["date"] == date:
                return None
    return open_k


def single_rule(evs, as_of, rule, start_types, done_types, hook=None):
    out = []
    used = [False] * len(evs)
    prev_start = None
    for sk, st in enumerate(evs):
        if st["type"] not in start_types:
            continue
        o = new_obligation(rule, st["date"], st["i"])
        k = find_completion(evs, used, st, done_types, st["date"])
        if k is not None:
            used[k] = True
            o["done"], o["done_event"] = evs[k]["date"], evs[k]["i"]
            o["_done_k"] = k
        if hook is not None:
            hook(evs, used, as_of, o, sk)
        elif o["status"] == "pending":
            set_due(o, rule, st["date"])
        check_early(evs, used, o, done_types, prev_start, st)
        judge(o, as_of)
        prev_start = st["date"]
        o.pop("_done_k", None)
        out.append(o)
    return out


def hook_forhandsbedomning(evs, used, as_of, o, sk):
    st = evs[sk]
    hi = next_start_date(evs, sk, ("anmalan_mottagen",))
    if hi is not None:
        hi -= 1
    if not set_due(o, "forhandsbedomning", st["date"]):
        return
    p = find_completion(evs, used, st, ("pagaende_utredning",), st["date"], hi)
    if p is not None and (o["done"] is None or evs[p]["date"] <= o["done"]):
        if o.get("_done_k") is not None:      # that decision belongs to another report
            used[o["_done_k"]] = False
        used[p] = True
        o["done"], o["done_event"] = evs[p]["date"], evs[p]["i"]
        o["status"] = "notapplicable"
        return
    if investigation_running(evs, st["date"]) is not None and o["done"] is None:
        o["flags"].append("antagande")
        o["status"] = "notapplicable"
        return
    x = find_completion(evs, used, st, ("forhandsbedomning_synnerliga_skal",), st["date"], hi)
    if x is not None:
        used[x] = True
        o["extension_event"] = evs[x]["i"]
        end = o["legal"]
        if evs[x]["date"] > end:
            o["flags"].append("undantag_for_sent")
        elif o["done"] is not None and o["done"] <= end:
            pass                                # the limit was kept anyway
        elif o["done"] is None and as_of <= end:
            pass                                # exception applies only once the end has passed
        else:
            o["flags"].append("undantag")


def hook_utredning(evs, used, as_of, o, sk):
    st = evs[sk]
    if not set_due(o, "utredning", st["date"]):
        return
    hi = next_start_date(evs, sk, ("utredning_inledd",))
    for k, e in enumerate(evs):
        if e["type"] != "utredning_forlangd" or used[k]:
            continue
        by_ref = e["ref"] is not None and st["id"] is not None and e["ref"] == st["id"]
        if not by_ref and (e["ref"] is not None or e["date"] < st["date"] or (hi is not None and e["date"] >= hi)):
            continue
        if o["done"] is not None and e["date"] > o["done"]:
            continue
        used[k] = True
        if e["date"] > o["legal"]:
            if "forlangning_for_sent" not in o["flags"]:
                o["flags"].append("forlangning_for_sent")
            if o["extension_event"] is None:
                o["extension_event"] = e["i"]
            continue
        try:
            ny = datetime.date.fromisoformat(e["raw"]["ny_slutdag"]).toordinal()
        except (KeyError, TypeError, ValueError):
            o["extension_event"] = e["i"]
            o["status"] = "error"
            return
        if ny <= o["nominal"]:
            continue
        o["nominal"], o["legal"] = ny, roll(ny)
        if "forlangd" not in o["flags"]:
            o["flags"].append("forlangd")
        o["extension_event"] = e["i"]


# ---- placements and recurring duties -----------------------------------------------------

def segments(evs):
    segs = []
    active = None
    for k, e in enumerate(evs):
        if e["type"] == "placering_verkstalld":
            if active is not None:
                active["end"] = e["date"]
            g = e["raw"].get("grund")
            active = {"start": e["date"], "end": None, "k": k, "closes": False,
                      "grund": {"sol": 1, "lvu2": 2, "lvu3": 3}.get(g, 0 if g is None else 4)}
            segs.append(active)
        elif e["type"] == "placering_avslutad" or (
                e["type"] == "lvu_vard_avslutad" and active is not None and active["grund"] in (2, 3)):
            if active is not None:
                active["end"] = e["date"]
                active["closes"] = True
                active = None
    return segs


def series(evs, used, as_of, rule, s0, end, sk, done_type, assumed):
    out = []
    anchor, prev_nominal, last_done = s0, s0, None
    mult = 1
    seq = 0
    while True:
        seq += 1
        d = due(rule, anchor, mult)
        if d is None:
            return out
        if end is not None and d[0] > end:
            return out
        o = new_obligation(rule, prev_nominal if mult > 1 else anchor, evs[sk]["i"])
        o["seq"] = seq
        o["flags"].append("aterkommande")
        if assumed:
            o["flags"].append("antagande")
        o["nominal"], o["legal"], o["basis"], clamped = d
        if clamped:
            o["flags"].append("ikrafttradande")
        for k, e in enumerate(evs):
            if e["type"] != done_type or used[k]:
                continue
            if (e["date"] < s0) if last_done is None else (e["date"] <= last_done):
                continue
            if end is not None and e["date"] > end:
                break
            used[k] = True
            o["done"], o["done_event"] = e["date"], e["i"]
            break
        judge(o, as_of)
        out.append(o)
        if seq >= 1000 or o["status"] == "error":
            return out
        if o["done"] is not None:
            anchor = last_done = o["done"]
            mult = 1
        elif o["status"] == "pending":
            o["flags"].append("nasta")
            return out
        else:
            mult += 1                         # missed: count whole periods from the same anchor
        prev_nominal = d[0]


def placement_series(evs, segs, as_of, rule, pred, done_type, check_assumed):
    out = []
    used = [False] * len(evs)
    i = 0
    while i < len(segs):
        if not pred(segs[i]):
            i += 1
            continue
        j = i
        while (not segs[j]["closes"] and j + 1 < len(segs) and segs[j + 1]["start"] == segs[j]["end"]
               and pred(segs[j + 1])):
            j += 1
        assumed = check_assumed and any(segs[q]["grund"] == 0 for q in range(i, j + 1))
        out += series(evs, used, as_of, rule, segs[i]["start"], segs[j]["end"], segs[i]["k"], done_type, assumed)
        i = j + 1
    return out


# ---- a case ---------------------------------------------------------------------------

def evaluate(case, as_of):
    evs = []
    for i, e in enumerate(case["events"]):
        d = datetime.date.fromisoformat(e["date"]).toordinal()
        if d <= as_of:
            evs.append({"i": i, "type": e["type"], "date": d, "id": e.get("id"), "ref": e.get("ref"), "raw": e})
    evs.sort(key=lambda e: e["date"])         # stable: same-day events in file order
    obligations = []
    obligations += single_rule(evs, as_of, "skyddsbedomning", ("anmalan_mottagen",), ("skyddsbedomning",))
    obligations += single_rule(evs, as_of, "forhandsbedomning", ("anmalan_mottagen",),
                               ("beslut_inleda_utredning", "beslut_inte_inleda_utredning"), hook_forhandsbedomning)
    obligations += single_rule(evs, as_of, "utredning", ("utredning_inledd",), ("utredning_avslutad",), hook_utredning)
    obligations += single_rule(evs, as_of, "information_utredning", ("utredning_inledd",), ("information_utredning",))
    segs = segments(evs)
    obligations += placement_series(evs, segs, as_of, "overvagande_sol", lambda g: g["grund"] in (0, 1),
                                    "overvagande", True)
    obligations += placement_series(evs, segs, as_of, "besok_placerat_barn", lambda g: True, "besok", False)
    return obligations


def iso(o):
    return None if o is None else datetime.date.fromordinal(o).isoformat()


def to_json(case_id, as_of, obligations):
    obls = []
    for o in obligations:
        j = {"rule": o["rule"]}
        if "seq" in o:
            j["seq"] = o["seq"]
        for key in ("start", "nominal", "legal", "judged", "done"):
            j[key] = iso(o[key])
        j["status"] = o["status"]
        j["basis"] = o["basis"]
        j["flags"] = sorted(o["flags"])
        for key in ("start_event", "done_event", "extension_event"):
            if o[key] is not None:
                j[key] = o[key]
        obls.append(j)
    return json.dumps({"id": case_id, "as_of": iso(as_of), "obligations": obls}, ensure_ascii=False)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input")
    p.add_argument("-o", "--output", default="-")
    p.add_argument("--as-of", default="2025-12-31")
    a = p.parse_args(argv)
    as_of = datetime.date.fromisoformat(a.as_of).toordinal()
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    seen = set()
    rejected = 0
    with open(a.input, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            case_id = None
            try:
                case = json.loads(line)
                case_id = case["id"]
                if not isinstance(case_id, str) or not case_id:
                    raise ValueError("id is not a non-empty string")
                if case_id in seen:
                    raise ValueError("duplicate id")
                seen.add(case_id)
                if not isinstance(case["events"], list):
                    raise ValueError("events is not a list")
                obligations = evaluate(case, as_of)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                rejected += 1
                out.write(json.dumps({"id": case_id if isinstance(case_id, str) else None,
                                      "error": "line %d: %s" % (n, exc)}, ensure_ascii=False) + "\n")
                continue
            out.write(to_json(case_id, as_of, obligations) + "\n")
    if out is not sys.stdout:
        out.close()
    return 3 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
