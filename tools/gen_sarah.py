#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Synthetic lex Sarah register (`egenkontroll/avvikelse-1`, JSON Lines), and the example
delegation order (`egenkontroll/delegation-1`).

    gen_sarah.py --records N --seed S [--start 2024-01-01 --end 2025-12-31] [--as-of DATE]
                 [--units "Barn och unga Norr,..."] [--bad-order-rate 0] [-o FILE]
                 [--delegation FILE --kommun Exempelby]

Records follow the report → investigation → seriousness assessment → IVO notification →
measures → closing lifecycle of DOMAIN.md §5, with realistic gaps: some registered or
investigated late, some serious ones reported to IVO after the policy's 14 days or not
at all, some investigations sent later than 2 months after the report, some records
missing required elements of the investigation, some still open at --as-of (dates after
it are not written).  --bad-order-rate breaks the process order of a share of records
(e.g. assessed before reported) to exercise the reader's error path.  No names: people
appear only as roles.  Deterministic by --seed; standard library only.
"""
import argparse
import datetime
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_cases import DEFAULT_UNITS, DELEGATION  # noqa: E402

FORMAT = "egenkontroll/avvikelse-1"

ELEMENTS = ["vad_och_konsekvenser", "nar_och_hur_uppmarksammat", "nar_det_hande", "orsaker",
            "tidigare_liknande", "risk_upprepning", "atgarder", "ovrigt", "stallningstagande"]

KATEGORIER = [("rattssakerhet_handlaggning", 40), ("insats_ej_utford_eller_felaktig", 20),
              ("brister_bemotande", 10), ("overgrepp", 6), ("brister_tillsyn_placerat_barn", 12),
              ("verksamhetssystem", 6), ("miljo_teknik", 6)]

RAPPORTORER = ["socialsekreterare", "forste_socialsekreterare", "enhetschef", "familjehemssekreterare",
               "behandlingsassistent", "konsult"]

ATGARDER = [
    "Ny rutin för förhandsbedömning inom fjorton dagar",
    "Veckovis bevakningslista över utredningar nära fyra månader",
    "Utbildning i barnsamtal för alla handläggare",
    "Checklista för familjehemsutredning med registerkontroller",
    "Rutin för stöd till familjehem vid hemflytt",
    "Uppdaterad delegationsordning och genomgång med personalen",
    "Rutin för uppföljning av placerade barn: besök och enskilda samtal",
    "Felanmälan till leverantören av verksamhetssystemet och manuell kontroll",
    "Egenkontroll av akter varje kvartal med roterande granskare",
]
ANSVARIGA = ["enhetschef", "forste_socialsekreterare", "verksamhetschef", "kvalitetscontroller", "socialchef"]


def record(rng, k, start, end, asof, units, bad_order):
    ri = rng.randint
    R = rng.random
    rapport = ri(start, end)
    handelse = rapport - (ri(0, 3) if R() < 0.7 else ri(4, 120))
    uppm = rng.randint(handelse, rapport)
    datum = {"handelse": handelse, "uppmarksammad": uppm, "rapport": rapport}
    # registered and investigated "at once" (policy default 1 day): mostly, not always
    datum["registrerad"] = rapport + (ri(0, 1) if R() < 0.93 else ri(2, 14))
    if R() < 0.97:
        datum["utredning_inledd"] = rapport + (ri(0, 1) if R() < 0.93 else ri(2, 20))
    typ = "missforhallande" if R() < 0.6 else "pataglig_risk"
    allvarlig = None
    if "utredning_inledd" in datum and R() < 0.92:
        datum["bedomd"] = datum["utredning_inledd"] + ri(3, 30)
        allvarlig = R() < 0.3
    if allvarlig:
        x = R()
        if x < 0.75:
            datum["anmald_ivo"] = datum["bedomd"] + ri(1, 14)
        elif x < 0.93:
            datum["anmald_ivo"] = datum["bedomd"] + ri(15, 60)  # later than the policy's 14 days
        # else: serious but never reported to IVO
    attached = False
    if "anmald_ivo" in datum:
        if R() < 0.5:  # the finished investigation is attached to the IVO report
            attached = True
            datum["avslutad"] = datum["anmald_ivo"] + ri(0, 60)
        elif R() < 0.9:  # not attached: sent afterwards, mostly within 2 months (SOSFS 2011:5)
            datum["utredning_till_ivo"] = datum["anmald_ivo"] + (ri(7, 58) if R() < 0.8 else ri(65, 120))
    if "bedomd" in datum and not attached and R() < 0.85:
        datum["avslutad"] = max(datum.get("utredning_till_ivo", 0), datum.get("anmald_ivo", 0),
                                datum["bedomd"]) + ri(0, 60)
    if bad_order:  # break the process order on purpose
        if "bedomd" in datum:
            datum["bedomd"] = rapport - ri(1, 10)
        else:
            datum["rapport"] = handelse - ri(1, 10)
    datum = {key: v for key, v in datum.items() if v <= asof}
    if allvarlig is not None and datum.get("bedomd") is None:
        allvarlig = None
    kat = rng.choices([c for c, _ in KATEGORIER], [w for _, w in KATEGORIER])[0]
    rec = {"format": FORMAT, "id": "LS-%d-%03d" % (datetime.date.fromordinal(rapport).year, k + 1),
           "unit": units[ri(0, len(units) - 1)], "typ": typ, "kategori": kat,
           "rapportor": rng.choice(RAPPORTORER),
           "datum": {key: datetime.date.fromordinal(v).isoformat() for key, v in datum.items()}}
    if allvarlig is not None:
        rec["allvarlig"] = allvarlig
    if "utredning_inledd" in datum:
        done = "avslutad" in datum
        rec["utredning"] = {e: (R() < (0.985 if done else 0.6)) for e in ELEMENTS}
        if not done:
            rec["utredning"]["stallningstagande"] = False
        rec["risk"] = {"konsekvens": ri(1, 4), "sannolikhet": ri(1, 4)}
    if "bedomd" in datum:
        atg = []
        for _ in range(ri(0, 3) if R() < 0.9 else 0):
            a = {"beskrivning": rng.choice(ATGARDER), "ansvarig": rng.choice(ANSVARIGA)}
            senast = datum["bedomd"] + ri(14, 120)
            a["senast"] = datetime.date.fromordinal(senast).isoformat()
            g = senast - ri(-8, 45)
            if g <= asof and R() < 0.9:
                a["genomford"] = datetime.date.fromordinal(max(g, datum["bedomd"])).isoformat()
            atg.append(a)
        rec["atgarder"] = atg
    if "anmald_ivo" in datum:  # the library's extension of avvikelse-1 (lib/io/sarah_json.c)
        rec["ivo"] = {"diarienummer": "3.5.1-%05d/%d" % (ri(1, 99999),
                                                        datetime.date.fromordinal(datum["anmald_ivo"]).year),
                      "utredning_bifogad": attached}
    return rec


def delegation(kommun):
    return {"format": "egenkontroll/delegation-1", "kommun": kommun, "beslut": DELEGATION}


def _date(s):
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError("not an ISO date (YYYY-MM-DD): %r" % s)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", type=int, default=0, help="number of lex Sarah records")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--start", type=_date, default=datetime.date(2024, 1, 1))
    p.add_argument("--end", type=_date, default=datetime.date(2025, 12, 31))
    p.add_argument("--as-of", type=_date, default=None, help="later dates are not written (default: --end)")
    p.add_argument("--units", default=",".join(DEFAULT_UNITS))
    p.add_argument("--bad-order-rate", type=float, default=0.0, help="share of records breaking the process order")
    p.add_argument("-o", "--output", default="-", help="lex Sarah register (default: standard output)")
    p.add_argument("--delegation", metavar="FILE", help="also write the example delegation order to FILE")
    p.add_argument("--kommun", default="Exempelby", help="municipality named in the delegation order")
    a = p.parse_args(argv)
    asof = (a.as_of or a.end).toordinal()
    units = [u.strip() for u in a.units.split(",") if u.strip()]
    if a.end < a.start or not units or a.records < 0:
        p.error("need --start <= --end, --records >= 0 and at least one unit")
    rng = random.Random("gen_sarah/%d" % a.seed)
    start, end = a.start.toordinal(), a.end.toordinal()
    recs = []
    for k in range(a.records):
        bad = a.bad_order_rate > 0 and rng.random() < a.bad_order_rate
        recs.append(record(rng, k, start, end, asof, units, bad))
    # serial numbers follow the report date, per year, as a diary would
    recs.sort(key=lambda r: r["datum"].get("rapport", ""))
    serial = {}
    for r in recs:
        y = r["id"].split("-")[1]
        serial[y] = serial.get(y, 0) + 1
        r["id"] = "LS-%s-%03d" % (y, serial[y])
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8", newline="\n")
    try:
        for r in recs:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if a.delegation:
        with open(a.delegation, "w", encoding="utf-8", newline="\n") as f:  # one object on one line
            f.write(json.dumps(delegation(a.kommun), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
