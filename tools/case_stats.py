#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Proportions of a case-1 JSON Lines file, to check a generated file against DOMAIN.md §8.

    case_stats.py FILE [--json]

Counts reports, decisions, investigations, placements and the timeliness of the
förhandsbedömning (decision later than the legal end of report + 14 days) and of
investigations (completed later than the legal end of opened + 4 months, whatever
extension was decided), per unit.  A plain, independent reading of the file with the
json module: it is not the library's rule engine, only a sanity check of the generator.
Standard library only.
"""
import argparse
import collections
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_cases import DELEGATION, Calendar  # noqa: E402

REQUIRED = ("format", "id", "events")


def valid_case(line):
    """The parsed case when @line is a well-formed case-1 record, else None (with the reason)."""
    try:
        c = json.loads(line)
    except ValueError:
        return None, "json"
    if not isinstance(c, dict) or c.get("format") != "egenkontroll/case-1":
        return None, "format"
    if not isinstance(c.get("id"), str) or not c["id"]:
        return None, "id"
    if not isinstance(c.get("events"), list):
        return None, "events"
    child = c.get("child", {})
    if not isinstance(child, dict):
        return None, "child"
    if "birth_date" in child and not _is_date(child["birth_date"]):
        return None, "birth_date"
    for e in c["events"]:
        if not isinstance(e, dict) or not isinstance(e.get("type"), str) or not _is_date(e.get("date")):
            return None, "event"
        for k in ("ny_slutdag", "svar_senast"):
            if k in e and not _is_date(e[k]):
                return None, k
        for k in ("avser_vald", "omedelbart_skydd", "motivering", "enskilt", "barnets_basta_bedomt",
                  "onskemal_foljt", "skal_dokumenterat", "registerkontroll", "hem_i_annan_kommun",
                  "samrad_annan_kommun", "enskilt_samtal", "nodvandighet_dokumenterad"):
            if k in e and not isinstance(e[k], bool):
                return None, k
    return c, None


def _is_date(s):
    if not isinstance(s, str) or len(s) != 10 or s[4] != "-" or s[7] != "-":
        return False
    try:
        datetime.date.fromisoformat(s)
    except ValueError:
        return False
    return True


def stats(path):
    cal = Calendar(1990, 2045)
    o = datetime.date.toordinal
    D = datetime.date.fromisoformat
    law = o(datetime.date(2025, 7, 1))
    n = bad = straddle = answered = nevents = 0
    bad_kinds = collections.Counter()
    types = collections.Counter()
    per_unit = collections.defaultdict(collections.Counter)
    forms = collections.Counter()
    grounds = collections.Counter()
    deleg = collections.Counter()
    skydd = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            n += 1
            c, why = valid_case(line)
            if c is None:
                bad += 1
                bad_kinds[why] += 1
                continue
            u = per_unit[c.get("unit", "")]
            u["cases"] += 1
            ev = sorted(c["events"], key=lambda e: e["date"])
            nevents += len(ev)
            if c.get("answers"):
                answered += 1
            ds = [o(D(e["date"])) for e in ev]
            if ds and ds[0] < law <= ds[-1]:
                straddle += 1
            reports = {}
            decided = {}
            inv_open = []
            placed = False
            for e, d in zip(ev, ds):
                t = e["type"]
                types[t] += 1
                if t == "anmalan_mottagen":
                    reports[e.get("id")] = d
                elif t == "skyddsbedomning" and e.get("ref") in reports:
                    lag = d - reports[e["ref"]]
                    skydd["same_day" if lag == 0 else "next_day" if lag == 1 else "later"] += 1
                elif t in ("beslut_inleda_utredning", "beslut_inte_inleda_utredning", "pagaende_utredning"):
                    r = e.get("ref")
                    if r in reports and r not in decided:
                        decided[r] = t
                        u[t] += 1
                        if t != "pagaende_utredning":
                            u["fhb"] += 1
                            if d > cal.legal(reports[r] + 14):
                                u["fhb_late"] += 1
                elif t == "utredning_inledd":
                    inv_open.append(d)
                elif t == "utredning_avslutad" and inv_open:
                    s = inv_open.pop(0)
                    u["utr"] += 1
                    if d > cal.legal(cal.add_months(s, 4)):
                        u["utr_late"] += 1
                elif t == "placering_verkstalld":
                    placed = True
                    forms[e.get("placeringsform")] += 1
                    grounds[e.get("grund")] += 1
                if t in DELEGATION and "beslutsfattare" in e:
                    deleg["ok" if e["beslutsfattare"] in DELEGATION[t] else "outside"] += 1
            u["reports"] += len(reports)
            u["undecided"] += len(reports) - len(decided)
            u["placed"] += placed
    tot = collections.Counter()
    for u in per_unit.values():
        tot.update(u)

    def rates(u):
        dec = u["beslut_inleda_utredning"] + u["beslut_inte_inleda_utredning"]
        return {
            "cases": u["cases"], "reports": u["reports"],
            "reports_to_investigation": _r(u["beslut_inleda_utredning"], dec),
            "reports_joined_to_running": _r(u["pagaende_utredning"], u["reports"]),
            "reports_without_decision": _r(u["undecided"], u["reports"]),
            "forhandsbedomning_over_14_days": _r(u["fhb_late"], u["fhb"]),
            "investigations_completed": u["utr"],
            "investigations_over_4_months": _r(u["utr_late"], u["utr"]),
            "cases_with_placement": _r(u["placed"], u["cases"]),
        }
    placements = sum(forms.values())
    return {
        "lines": n, "malformed": bad, "malformed_rate": _r(bad, n), "malformed_kinds": dict(bad_kinds),
        "events_per_case": _r(nevents, n - bad, 2), "bytes_per_case": _r(os.path.getsize(path), n, 0),
        "cases_straddling_2025_07_01": _r(straddle, n - bad), "cases_with_answers": _r(answered, n - bad),
        "skyddsbedomning": {k: _r(v, sum(skydd.values())) for k, v in sorted(skydd.items())},
        "placements": placements,
        "placeringsform": {k: _r(v, placements) for k, v in forms.most_common()},
        "grund": {k: _r(v, placements) for k, v in grounds.most_common()},
        "decisions_outside_delegation": _r(deleg["outside"], sum(deleg.values())),
        "all": rates(tot),
        "units": {k: rates(v) for k, v in sorted(per_unit.items())},
        "event_types": dict(types.most_common()),
    }


def _r(a, b, nd=3):
    return round(a / b, nd) if b else None


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print everything as JSON (default: a summary)")
    a = p.parse_args(argv)
    s = stats(a.file)
    if a.json:
        json.dump(s, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for k, v in s.items():
        if k in ("units", "event_types"):
            continue
        print("%-32s %s" % (k, json.dumps(v, ensure_ascii=False)))
    for name, u in s["units"].items():
        print("unit %s:" % name)
        for k, v in u.items():
            print("    %-30s %s" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
