#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Synthetic child-welfare case files in the `egenkontroll/case-1` format (JSON Lines).

    gen_cases.py --cases N --seed S [--start 2024-01-01 --end 2025-12-31]
                 [--units "Barn och unga Norr,Barn och unga Söder"] [--malformed-rate 0.001]
                 [--as-of DATE] [--jobs J] -o FILE

Every line is one case: a child (birth date only: no names, no personal identity
numbers) and the dated events of its reports of concern, investigations, placements
and LVU measures, with the proportions and the uneven timeliness of DOMAIN.md §8.
The output depends only on the arguments (not on --jobs): the cases are produced in
fixed chunks of CHUNK cases, each from its own random stream derived from the seed and
the chunk number, and written in order, so memory stays flat for any --cases.

Units are listed from the most to the least timely: the first unit has ~12 % of its
förhandsbedömningar over 14 days and ~33 % of its investigations over 4 months, the last
~60 % and ~62 % (the spread local audits found; DOMAIN.md §8).  Events dated after
--as-of (default: --end) are not written, so recent cases are open.  A few cases
(--legacy-rate) began before --start (placements running for years).  A fraction of the
lines (--malformed-rate) is deliberately broken in one of four ways: an impossible date
(2026-02-29), a listed key of the wrong type, broken JSON, a missing "id".

Standard library only.  Dates are handled as proleptic Gregorian ordinals with lookup
tables, and JSON is assembled from pre-escaped fragments: ~50-100 k cases/s per core.
"""
import argparse
import datetime
import json
import os
import random
import sys

FORMAT = "egenkontroll/case-1"
CHUNK = 1000  # cases per random stream; part of the output's definition: never change casually

DEFAULT_UNITS = ["Barn och unga Norr", "Barn och unga Söder", "Barn och unga Väster"]

def _table(names, weights):
    """A list where each name appears weight times: table[int(random() * len(table))] draws one."""
    return [n for n, w in zip(names, weights) for _ in range(w)]


#: The example delegation order (FORMATS.md; examples/data/delegation.json is written from it).
#: Decisions are mostly taken by a role listed here; a few are not (checklist item C1).
DELEGATION = {
    "beslut_inleda_utredning": ["socialsekreterare", "forste_socialsekreterare", "enhetschef"],
    "beslut_inte_inleda_utredning": ["forste_socialsekreterare", "enhetschef"],
    "utredning_forlangd": ["enhetschef"],
    "beslut_vard": ["utskott", "namnd"],
    "omedelbart_omhandertagande": ["ordforande", "utskott", "namnd"],
    "overvagande": ["utskott"],
    "omprovning": ["utskott"],
}

# Who decides in practice (weights), and who decides when delegation is broken.
_DECIDERS = {
    "beslut_inleda_utredning": (["socialsekreterare", "forste_socialsekreterare", "enhetschef"], [60, 30, 10]),
    "beslut_inte_inleda_utredning": (["forste_socialsekreterare", "enhetschef"], [70, 30]),
    "utredning_forlangd": (["enhetschef"], [1]),
    "beslut_vard": (["utskott", "namnd"], [90, 10]),
    "omedelbart_omhandertagande": (["ordforande", "utskott"], [75, 25]),
    "overvagande": (["utskott"], [1]),
    "omprovning": (["utskott"], [1]),
    "utredning_avslutad": (["socialsekreterare", "forste_socialsekreterare"], [70, 30]),
}
_DECIDERS_T = {k: _table(*v) for k, v in _DECIDERS.items()}
_VIOLATORS = {
    "beslut_inleda_utredning": ["konsult", "handlaggare"],
    "beslut_inte_inleda_utredning": ["socialsekreterare", "konsult"],
    "utredning_forlangd": ["forste_socialsekreterare", "socialsekreterare"],
    "beslut_vard": ["enhetschef", "ordforande", "socialchef"],
    "omedelbart_omhandertagande": ["enhetschef", "socialchef"],
    "overvagande": ["enhetschef", "socialsekreterare"],
    "omprovning": ["enhetschef"],
    "utredning_avslutad": ["socialsekreterare"],
}

_ANMALARE = ["polis", "skola", "halso_sjukvard", "socialtjanst", "forskola", "annan_myndighet",
             "privatperson", "anhorig", "barnet_sjalvt", "ideell_organisation"]
_ANMALARE_W = [30, 20, 12, 9, 4, 7, 8, 6, 2, 2]
_ANMALARE_T = _table(_ANMALARE, _ANMALARE_W)
_MANDATORY = {"polis", "skola", "halso_sjukvard", "socialtjanst", "forskola", "annan_myndighet"}

_SYNNERLIGA = [json.dumps(s, ensure_ascii=False) for s in (
    "Barnet vistades utomlands; samtal kunde inte hållas inom fjorton dagar",
    "Uppgifter från polisen inväntades i pågående förundersökning",
    "Vårdnadshavarna och barnet nåddes inte trots upprepade försök",
)]
_FORLANG_SKAL = [json.dumps(s, ensure_ascii=False) for s in (
    "Utlåtande från BUP inväntas",
    "Barnet behöver höras ytterligare efter skolstart",
    "Utredning av nätverket pågår",
)]


# ---- calendar (DOMAIN.md §3): enough of it to place dates just inside and outside limits --

def _easter(year):
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


def closed_days(year):
    """Ordinals of the days in @year that are not weekdays under 1930:173 2 §: Saturdays,
    Sundays, public holidays (1989:253 as amended from 2005), midsommarafton, julafton, nyårsafton."""
    D = datetime.date
    e = _easter(year)
    td = datetime.timedelta
    days = {D(year, 1, 1), D(year, 1, 6), e - td(2), e, e + td(1), D(year, 5, 1), e + td(39),
            e + td(49), D(year, 12, 24), D(year, 12, 25), D(year, 12, 26), D(year, 12, 31)}
    if year >= 2005:
        days.add(D(year, 6, 6))
    else:
        days.add(e + td(50))  # annandag pingst, a holiday up to 2004
    mids = next(D(year, 6, d) for d in range(20, 27) if D(year, 6, d).weekday() == 5)
    days.update((mids, mids - td(1)))
    days.add(next(D(year, 10, 31) + td(k) for k in range(7) if (D(year, 10, 31) + td(k)).weekday() == 5))
    out = {d.toordinal() for d in days}
    first = D(year, 1, 1).toordinal()
    last = D(year, 12, 31).toordinal()
    for o in range(first, last + 1):
        if o % 7 in (6, 0):  # ordinal % 7: 0 = Sunday, 6 = Saturday
            out.add(o)
    return out


class Calendar:
    """ISO strings, working-day roll-over and month arithmetic for a range of ordinals."""

    def __init__(self, first_year, last_year):
        self.base = datetime.date(first_year, 1, 1).toordinal()
        self.top = datetime.date(last_year, 12, 31).toordinal()
        n = self.top - self.base + 1
        self.iso = [datetime.date.fromordinal(self.base + i).isoformat() for i in range(n)]
        closed = bytearray(n)
        for y in range(first_year, last_year + 1):
            for o in closed_days(y):
                closed[o - self.base] = 1
        # next_open[i]: offset to the first day >= base+i that is a weekday under 2 §
        nxt = [0] * n
        k = 0
        for i in range(n - 1, -1, -1):
            k = k + 1 if closed[i] else 0
            nxt[i] = k
        self.next_open = nxt

    def legal(self, o):
        """The legal end for a nominal end @o (1930:173 2 §), or any date moved to a weekday."""
        i = o - self.base
        if 0 <= i < len(self.next_open):
            return o + self.next_open[i]
        return o

    def add_months(self, o, n):
        """1930:173 1 §: same day number n months later, else that month's last day."""
        d = datetime.date.fromordinal(o)
        y, m = divmod(d.month - 1 + n, 12)
        y += d.year
        m += 1
        day = d.day
        if day > 28:
            mlen = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.date(y, m, 1)).days
            if day > mlen:
                day = mlen
        return datetime.date(y, m, day).toordinal()


def unit_profile(i, n):
    """Timeliness of unit @i of @n: 0 = best, 1 = worst."""
    b = 0.5 if n == 1 else i / (n - 1)
    return {
        "skydd_late": 0.03 + 0.07 * b, "skydd_missing": 0.01 + 0.02 * b,
        "fhb_late": 0.12 + 0.48 * b, "utr_late": 0.36 + 0.28 * b,
        "review_late": 0.06 + 0.14 * b, "review_missing": 0.02 + 0.06 * b,
        "visit_skip": 0.05 + 0.20 * b, "deleg_violation": 0.01 + 0.03 * b,
        "plan_missing": 0.05 + 0.15 * b, "info_missing": 0.05 + 0.15 * b,
    }


# ---- the generator ---------------------------------------------------------------------

class Generator:
    def __init__(self, seed, start, end, as_of, units, malformed_rate, legacy_rate=0.03,
                 review_rate=0.08, prefix="BU", id_width=6):
        self.seed = seed
        self.start = start.toordinal()
        self.end = end.toordinal()
        self.asof = as_of.toordinal()
        self.units = units
        self.unit_json = [json.dumps(u, ensure_ascii=False) for u in units]
        self.profiles = [unit_profile(i, len(units)) for i in range(len(units))]
        self.malformed_rate = malformed_rate
        self.legacy_rate = legacy_rate
        self.review_rate = review_rate
        self.prefix = prefix
        self.id_width = id_width
        self.cal = Calendar(start.year - 27, max(as_of.year, end.year) + 14)
        self.d2025 = datetime.date(2025, 7, 1).toordinal()

    # One chunk of cases [k0, k1) as text (each line ends in "\n").
    def chunk(self, c):
        k0 = c * CHUNK
        rng = random.Random("gen_cases/%d/%d" % (self.seed, c))
        mrng = random.Random("gen_cases/malformed/%d/%d" % (self.seed, c))
        R = rng.random
        self.ri = lambda a, b: a + int(R() * (b - a + 1))  # randint(a, b), without its checks
        out = []
        for k in range(k0, k0 + CHUNK):
            line = self.case(rng, k)
            if self.malformed_rate > 0 and mrng.random() < self.malformed_rate:
                line = self.malform(mrng, line)
            out.append(line)
        return "\n".join(out) + "\n"

    def malform(self, rng, line):
        kind = rng.randrange(4)
        if kind == 0:  # impossible date in the first event
            i = line.find('"date":"')
            return line[:i] + '"date":"2026-02-29"' + line[i + 19:]
        if kind == 1:  # a listed key of the wrong type
            w = rng.randrange(4)
            if w == 0:
                return line.replace('"events":[', '"events":{"list":[', 1)[:-1] + "}}"
            if w == 1:
                i = line.find('"id":"')
                j = line.find('"', i + 6)
                return line[:i] + '"id":%d' % rng.randrange(1, 10 ** 6) + line[j + 1:]
            if w == 2:
                i = line.find('"date":"')
                return line[:i] + '"date":' + line[i + 8:i + 12] + line[i + 13:i + 15] + line[i + 16:i + 18] + line[i + 19:]
            return line.replace('"avser_vald":', '"avser_vald":"ja","x":', 1)
        if kind == 2:  # broken JSON: the line is cut off
            return line[:rng.randrange(20, max(21, len(line) - 2))]
        i = line.find('"id":"')  # missing id
        j = line.find('"', i + 6)
        return line[:i] + line[j + 2:]

    def case(self, rng, k):
        cal = self.cal
        iso = cal.iso
        base = cal.base
        asof = self.asof
        legal = cal.legal
        R = rng.random
        ri = self.ri
        ev = []  # (ordinal, text)
        add = ev.append

        def E(o, typ, attrs=""):
            if o <= asof:
                add((o, '{"type":"%s","date":"%s"%s}' % (typ, iso[o - base], attrs)))

        ui = int(R() * len(self.units))
        prof = self.profiles[ui]
        viol = prof["deleg_violation"]

        def who(typ):
            if R() < viol:
                t = _VIOLATORS[typ]
            else:
                t = _DECIDERS_T[typ]
            return ',"beslutsfattare":"%s"' % t[int(R() * len(t))]

        legacy = R() < self.legacy_rate
        if legacy:
            d = self.start - ri(60, 6 * 365)
        else:
            d = ri(self.start, self.end)
            if d % 7 in (6, 0) and R() < 0.8:  # most reports arrive on weekdays
                d += 2 if d % 7 == 6 else 1
                if d > self.end:
                    d -= 3
        if legacy:
            age = ri(0, 9 * 365)
        else:
            age = ri(0, 17 * 365 + 300) if R() < 0.7 else ri(12 * 365, 17 * 365 + 300)
        birth = d - age
        first = d
        st = {"inv_s": 0, "inv_e": 0, "place_e": 0, "placed": False, "flags": set()}
        nrep = 0
        while True:
            nrep += 1
            self.report(rng, E, who, prof, st, d, nrep, birth, legacy and nrep == 1)
            if R() > 0.4:
                break
            d = d + 14 + int(rng.expovariate(1 / 140.0))
            if d > self.end:
                break
        if R() < 0.002:  # an IVO decision demanding a reply
            b = ri(first, max(first, min(asof, self.end)))
            svar = b + ri(30, 60)
            E(b, "ivo_beslut", ',"svar_senast":"%s"' % iso[svar - base])
            x = R()
            if x < 0.75:
                E(b + ri(5, svar - b), "ivo_svar")
            elif x < 0.9:
                E(svar + ri(1, 40), "ivo_svar")
        ev.sort(key=_first)
        last = ev[-1][0] if ev else first
        answers = ""
        if R() < self.review_rate and last < asof:
            answers = self.answers(rng, st["flags"], ri(max(last + 1, asof - 60), asof))
        num = ("%0" + str(self.id_width) + "d") % (k + 1)
        return ('{"format":"%s","id":"%s-%d-%s","unit":%s,"child":{"birth_date":"%s"},"events":[%s]%s}'
                % (FORMAT, self.prefix, datetime.date.fromordinal(first).year, num, self.unit_json[ui],
                   iso[birth - base], ",".join(t for _, t in ev), answers))

    def report(self, rng, E, who, prof, st, d, n, birth, legacy):
        cal = self.cal
        iso = cal.iso
        base = cal.base
        legal = cal.legal
        R = rng.random
        ri = self.ri
        flags = st["flags"]
        rid = ',"ref":"r%d"' % n
        anm = _ANMALARE_T[int(R() * len(_ANMALARE_T))]
        vald = R() < 0.3
        if vald:
            flags.add("vald")
        E(d, "anmalan_mottagen", ',"id":"r%d","anmalare":"%s","avser_vald":%s'
          % (n, anm, "true" if vald else "false"))
        x = R()
        skydd = R() < 0.04
        if x >= prof["skydd_missing"]:
            s_o = d if x >= prof["skydd_missing"] + prof["skydd_late"] else d + ri(2, 7)
            if s_o == d and R() < 0.08:
                s_o = d + 1
            E(s_o, "skyddsbedomning", rid + (',"omedelbart_skydd":true' if skydd else ""))
        if st["inv_s"] <= d < st["inv_e"]:
            E(d + (0 if R() < 0.8 else ri(1, 5)), "pagaende_utredning", rid)
            return
        inleda = legacy or R() < (0.35 if not skydd else 0.95)
        nominal = d + 14
        lend = legal(nominal)
        x = R()
        if x < 0.012 and not legacy:
            return  # no decision documented at all
        if R() < prof["fhb_late"] and not legacy:
            late = 1 + int(rng.expovariate(1 / 12.0))
            b = legal(lend + min(late, 120))
            if R() < 0.15:
                E(nominal - ri(0, 4), "forhandsbedomning_synnerliga_skal",
                  ',"skal":%s' % _SYNNERLIGA[int(R() * 3)] + rid)
        else:
            b = d + min(14, max(1, int(rng.triangular(1, 15, 11))))
            b = legal(b)  # a weekday, never after the legal end
        if inleda:
            E(b, "beslut_inleda_utredning", who("beslut_inleda_utredning") + rid)
        else:
            asikt = _asikt(R(), d - birth)
            if asikt == "saknas":
                flags.add("asikt_saknas")
            E(b, "beslut_inte_inleda_utredning", who("beslut_inte_inleda_utredning")
              + ',"motivering":%s,"barnets_asikt":"%s"' % ("true" if R() < 0.95 else "false", asikt) + rid)
        if anm in _MANDATORY and R() < 0.12:
            q = d + ri(0, 25)
            E(q, "aterkoppling_begard", rid)
            y = R()
            if y < 0.8:
                E(max(q, b) + ri(0, 7), "aterkoppling_lamnad", rid)
            elif y < 0.95:
                E(max(q, b) + ri(8, 30), "aterkoppling_lamnad", rid)
        if inleda:
            s = b if R() < 0.95 else b + ri(1, 3)
            self.investigation(rng, E, who, prof, st, s, birth, skydd, legacy)

    def investigation(self, rng, E, who, prof, st, s, birth, skydd, legacy):
        cal = self.cal
        iso = cal.iso
        base = cal.base
        legal = cal.legal
        R = rng.random
        ri = self.ri
        flags = st["flags"]
        E(s, "utredning_inledd")
        x = R()
        if x >= prof["info_missing"]:
            E(s if x > prof["info_missing"] + 0.15 else s + ri(1, 6), "information_utredning")
        due = cal.add_months(s, 4)
        lend = legal(due)
        if R() < prof["utr_late"]:
            if R() < 0.45:
                f = s + ri(70, due - s) if R() < 0.9 else lend + ri(1, 14)
                ny = cal.add_months(due, 1 if R() < 0.6 else 2)
                E(f, "utredning_forlangd", who("utredning_forlangd")
                  + ',"ny_slutdag":"%s","skal":%s' % (iso[ny - base], _FORLANG_SKAL[int(R() * 3)]))
                e = ri(lend + 1, max(lend + 1, legal(ny))) if R() < 0.7 else legal(ny) + 1 + int(rng.expovariate(1 / 25.0))
            else:
                e = lend + 1 + int(rng.expovariate(1 / 30.0))
        else:
            e = legal(s + ri(min(40, due - s), due - s))
        place = legacy or R() < 0.13
        lvu_akut = False
        age = s - birth
        if R() < (0.008 if not skydd else 0.2) or (place and R() < 0.08):
            lvu_akut = True
            place = True
        st["inv_s"], st["inv_e"] = s, e
        if age >= 3 * 365 and R() < 0.85:
            for _ in range(ri(1, 3)):
                E(ri(s + 3, max(s + 3, e - 1)), "samtal_med_barnet",
                  ',"enskilt":%s' % ("true" if R() < 0.7 else "false"))
        else:
            flags.add("no_talk")
        if R() < (0.8 if place else 0.5):
            E(ri(s + 5, max(s + 5, e - 1)), "natverk_utrett")
        else:
            if place:
                flags.add("no_network")
        insats = place or R() < 0.55
        asikt = _asikt(R(), age)
        if asikt == "saknas":
            flags.add("asikt_saknas")
        basta = R() < 0.88
        if not basta:
            flags.add("basta_ej")
        attrs = who("utredning_avslutad") + ',"utfall":"%s","barnets_asikt":"%s","barnets_basta_bedomt":%s' % (
            "insats" if insats else "ingen_insats", asikt, "true" if basta else "false")
        if asikt == "dokumenterad":
            foljt = R() < 0.75
            attrs += ',"onskemal_foljt":%s' % ("true" if foljt else "false")
            if not foljt:
                attrs += ',"skal_dokumenterat":%s' % ("true" if R() < 0.7 else "false")
        E(e, "utredning_avslutad", attrs)
        if place and st["place_e"] < s:
            self.placement(rng, E, who, prof, st, s, e, birth, lvu_akut, legacy)

    def placement(self, rng, E, who, prof, st, s, e, birth, lvu_akut, legacy):
        cal = self.cal
        iso = cal.iso
        base = cal.base
        legal = cal.legal
        asof = self.asof
        R = rng.random
        ri = self.ri
        flags = st["flags"]
        flags.add("placed")
        g = R()
        grund = "sol" if g < 0.86 else ("lvu2" if g < 0.93 else "lvu3")  # ~68 % SoL with the urgent LVU ones
        if lvu_akut and grund == "sol":
            grund = "lvu2" if R() < 0.6 else "lvu3"
        age = e - birth
        f = R()
        if grund == "sol":
            form = ("familjehem" if f < 0.82 else "hvb" if f < 0.90 else "jourhem" if f < 0.94
                    else "stodboende" if f < 0.99 and age > 16 * 365 else "skyddat_boende" if f >= 0.99 else "familjehem")
        elif grund == "lvu2":
            form = "familjehem" if f < 0.78 else "hvb" if f < 0.90 else "jourhem"
        else:
            form = "familjehem" if f < 0.20 else "hvb" if f < 0.70 else "sis"
        if form in ("familjehem", "jourhem"):
            hem = "FH-%04d" % ri(1, 9999)
        elif form == "hvb":
            hem = "HVB-%03d" % ri(1, 400)
        elif form == "sis":
            hem = "SIS-%02d" % ri(1, 23)
        else:
            hem = "SB-%03d" % ri(1, 300)
        lvu = grund != "sol"
        if lvu_akut:
            o = ri(s, max(s, min(e - 1, s + 30)))
            E(o, "omedelbart_omhandertagande", who("omedelbart_omhandertagande"))
            v = o if R() < 0.85 else o + 1
            E(v, "omedelbart_omhandertagande_verkstallt")
            x = R()
            if x < 0.93:
                E(o + ri(1, 7), "understallning")
            elif x < 0.98:
                E(o + ri(8, 12), "understallning")
            x = R()
            a = v + ri(10, 28) if x < 0.9 else v + ri(29, 40)
            if x < 0.98:
                E(a, "ansokan_lvu")
            dom = a + ri(30, 70)
            E(dom, "dom_laga_kraft")
            p0 = v
            E(dom, "beslut_vard", who("beslut_vard") + ',"grund":"%s","placeringsform":"%s","hem":"%s"' % (grund, form, hem))
            if R() < 0.2:
                E(v, "polishandrackning", _nodv(R(), flags))
        elif lvu:
            E(e + ri(0, 10), "ansokan_lvu")
            dom = e + ri(35, 80)
            E(dom, "dom_laga_kraft")
            E(dom, "beslut_vard", who("beslut_vard") + ',"grund":"%s","placeringsform":"%s","hem":"%s"' % (grund, form, hem))
            p0 = dom + ri(0, 27) if R() < 0.95 else dom + ri(29, 45)
            if R() < 0.15:
                E(p0, "polishandrackning", _nodv(R(), flags))
        else:
            bv = legal(e + ri(0, 7))
            E(bv, "beslut_vard", who("beslut_vard") + ',"grund":"%s","placeringsform":"%s","hem":"%s"' % (grund, form, hem))
            p0 = bv + ri(0, 21)
        if form in ("familjehem", "jourhem"):
            x = R()
            if x < 0.96:
                fd = max(s, p0 - ri(7, 90)) if x < 0.93 else p0 + ri(1, 60)
                annan = R() < 0.25
                attrs = ',"hem":"%s","utredd_av":"%s","registerkontroll":%s,"hem_i_annan_kommun":%s' % (
                    hem, "egen" if R() < 0.92 else "annan", "true" if R() < 0.92 else "false",
                    "true" if annan else "false")
                if annan:
                    attrs += ',"samrad_annan_kommun":%s' % ("true" if R() < 0.85 else "false")
                E(fd, "familjehemsutredning_klar", attrs)
        E(p0, "placering_verkstalld", ',"placeringsform":"%s","grund":"%s","hem":"%s"' % (form, grund, hem))
        # How long the placement lasts, and why it ends.
        x = R()
        dur = ri(20, 180) if x < 0.25 else ri(181, 730) if x < 0.6 else ri(731, 8 * 365)
        pend = p0 + dur
        orsak = "hemflytt" if R() < 0.65 else "annan_placering"
        if pend >= birth + 18 * 365 + 4:
            pend = birth + 18 * 365 + 4
            orsak = "18_ar"
        if legacy and pend < self.start + 30:
            pend = min(self.start + ri(30, 900), birth + 18 * 365 + 4)
        if pend <= p0:
            pend = p0 + 1
        # A guardian asks to end a voluntary placement (checklist item D9).
        begar = None
        if grund == "sol" and R() < 0.10 and pend - p0 > 60:
            begar = ri(p0 + 30, pend - 1)
            E(begar, "vardnadshavare_begar_avslut")
            y = R()
            if y < 0.65:
                pend = begar + ri(1, 14)
                orsak = "vardnadshavare_begaran"
            elif y < 0.85:
                E(begar + ri(1, 14), "ansokan_lvu" if R() < 0.5 else "flyttningsforbud_overvagt")
            else:
                flags.add("d9")  # care simply continues
        st["place_e"] = pend
        hz = min(pend, asof)  # nothing after as-of is written, so nothing after it is made
        E(p0 + ri(0, 3) if R() < 0.95 else p0 + ri(30, 90), "ansvarig_socialsekreterare")
        x = R()
        if x < 0.85:
            E(p0 + ri(0, 14), "halsoundersokning_underrattelse")
        elif x < 0.90:
            E(p0 + ri(15, 60), "halsoundersokning_underrattelse")
        else:
            flags.add("halsa_saknas")
        pm = prof["plan_missing"]
        x = R()
        if x >= pm:
            E(p0 - ri(0, 7) if x > pm + 0.10 else p0 + ri(1, 60), "vardplan")
        x = R()
        if x >= pm * 2:
            gp = p0 + ri(7, 42)
            E(gp, "genomforandeplan")
            nxt = gp + 183
            while nxt < hz:
                y = R()
                if y > 0.15:
                    r = nxt + ri(-30, 10) if y > 0.27 else nxt + ri(11, 60)
                    E(r, "genomforandeplan_reviderad")
                    nxt = r + 183
                else:
                    flags.add("gp_ej_reviderad")
                    nxt += 183
        if dur > 730 and R() < 0.8:
            E(p0 + ri(600, 730), "vardplan_reviderad")
        # Six-monthly reviews: SoL and LVU 2 § (övervägande), LVU 3 § (omprövning).
        rtyp = "omprovning" if grund == "lvu3" else "overvagande"
        last = p0
        rl, rm = prof["review_late"], prof["review_missing"]
        while True:
            due = cal.add_months(last, 6)
            if due >= hz:
                break
            y = R()
            if y < rm:
                last = due
                flags.add("review_missing")
                continue
            r = legal(due - ri(0, 30)) if y >= rm + rl else legal(due) + ri(1, 40)
            E(r, rtyp, who(rtyp))
            last = r
        if form == "familjehem":
            t = cal.add_months(p0, 24)
            while t < hz:
                if R() < 0.85:
                    E(t - ri(0, 45), "vardnadsoverflyttning_overvagd")
                t = cal.add_months(t, 12)
        # Visits, about four a year, some gaps.
        v = p0 + ri(7, 40)
        skip = prof["visit_skip"]
        while v < hz:
            if R() >= skip:
                E(legal(v), "besok", ',"enskilt_samtal":%s' % ("true" if R() < 0.8 else "false"))
            else:
                flags.add("besok_glapp")
            v += ri(70, 110)
        home = form in ("familjehem", "jourhem")
        if home:
            if R() < 0.9:
                t = p0 + ri(10, 60)
                while t < hz:
                    E(legal(t), "stod_till_familjehem")
                    t += ri(45, 120)
            else:
                flags.add("stod_saknas")
        if lvu and R() < 0.10:
            u = p0 + ri(14, 60)
            E(u, "umgangesbegransning")
            t = u
            while True:
                t = t + (ri(80, 90) if R() < 0.85 else ri(95, 130))
                if t >= hz:
                    break
                E(t, "umgangesbegransning_omprovad")
        # The end.
        if pend <= asof:
            if orsak in ("hemflytt", "vardnadshavare_begaran"):
                flags.add("hemflytt")
                if R() < 0.75:
                    E(pend - ri(3, 30), "hemflytt_riskbedomning")
                else:
                    flags.add("hemflytt_ingen_risk")
                if home:
                    if R() < 0.7:
                        E(pend - ri(0, 20), "stod_till_familjehem")
                    else:
                        flags.add("hemflytt_utan_stod")
            E(pend, "placering_avslutad", ',"orsak":"%s"' % orsak)
            if lvu:
                E(pend, "lvu_vard_avslutad")
                if pend < birth + 18 * 365 and R() < 0.9:
                    E(pend + (ri(60, 182) if R() < 0.9 else ri(185, 240)), "lvu_uppfoljning_avslutad")

    def answers(self, rng, flags, day):
        """Reviewer answers for judgement items, mostly consistent with the case's data."""
        R = rng.random
        iso = self.cal.iso[day - self.cal.base]
        out = []

        def a(item, res):
            out.append('{"item":"%s","result":"%s","reviewer":"kvalitetscontroller","date":"%s"}' % (item, res, iso))

        a("A4", ("pass" if R() < 0.8 else "fail") if "vald" in flags else "notapplicable")
        a("B3", "fail" if ("asikt_saknas" in flags or "no_talk" in flags) and R() < 0.7 else
          "pass" if R() < 0.93 else "fail")
        a("B4", "fail" if "basta_ej" in flags else "pass" if R() < 0.95 else "fail")
        if "placed" in flags:
            a("B5", "fail" if "no_network" in flags else "pass")
            a("B6", "fail" if "halsa_saknas" in flags else "pass" if R() < 0.9 else "fail")
            a("D8", "fail" if "stod_saknas" in flags or "hemflytt_utan_stod" in flags else "pass")
            a("D10", ("fail" if "hemflytt_ingen_risk" in flags else "pass") if "hemflytt" in flags
              else "notapplicable")
        else:
            for item in ("B5", "B6", "D8", "D10"):
                a(item, "notapplicable")
        a("C3", ("fail" if "polis_utan_nodv" in flags else "pass") if "polis" in flags else "notapplicable")
        return ',"answers":[%s]' % ",".join(out)


def _first(t):
    return t[0]


def _asikt(x, age_days):
    if age_days < 3 * 365:
        return "skal_dokumenterat" if x < 0.9 else "saknas"
    return "dokumenterad" if x < 0.70 else "skal_dokumenterat" if x < 0.88 else "saknas"


def _nodv(x, flags):
    flags.add("polis")
    if x < 0.82:
        return ',"nodvandighet_dokumenterad":true'
    flags.add("polis_utan_nodv")
    return ',"nodvandighet_dokumenterad":false'


# ---- driver ---------------------------------------------------------------------------

_GEN = None


def _init(args):
    global _GEN
    _GEN = Generator(*args)


def _work(c):
    return _GEN.chunk(c)


def _date(s):
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError("not an ISO date (YYYY-MM-DD): %r" % s)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, required=True, help="number of cases (lines)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--start", type=_date, default=datetime.date(2024, 1, 1), help="first report date")
    p.add_argument("--end", type=_date, default=datetime.date(2025, 12, 31), help="last report date")
    p.add_argument("--as-of", type=_date, default=None, help="export date: later events are not written (default: --end)")
    p.add_argument("--units", default=",".join(DEFAULT_UNITS),
                   help="comma-separated unit names, most timely first (default: %(default)s)")
    p.add_argument("--malformed-rate", type=float, default=0.001, help="share of deliberately broken lines")
    p.add_argument("--legacy-rate", type=float, default=0.03, help="share of cases begun before --start")
    p.add_argument("--review-rate", type=float, default=0.08, help="share of cases with reviewer answers")
    p.add_argument("--prefix", default="BU", help='case id prefix (default "BU": BU-2025-000123)')
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPUs, at most 8); output is the same")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    a = p.parse_args(argv)
    as_of = a.as_of or a.end
    if a.cases < 0 or a.end < a.start or as_of < a.start or not 0 <= a.malformed_rate <= 1:
        p.error("need --cases >= 0, --start <= --end, --as-of >= --start, 0 <= --malformed-rate <= 1")
    units = [u.strip() for u in a.units.split(",") if u.strip()]
    if not units:
        p.error("--units is empty")
    width = max(6, len(str(a.cases)))
    gargs = (a.seed, a.start, a.end, as_of, units, a.malformed_rate, a.legacy_rate, a.review_rate, a.prefix, width)
    nchunks = (a.cases + CHUNK - 1) // CHUNK
    last_n = a.cases - (nchunks - 1) * CHUNK if nchunks else 0
    jobs = a.jobs or min(8, os.cpu_count() or 1)
    jobs = max(1, min(jobs, nchunks))
    progress = sys.stderr.isatty() and a.cases >= 200000
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8", newline="\n")
    try:
        def emit(c, text):
            if c == nchunks - 1 and last_n != CHUNK:  # the last chunk is cut to --cases
                text = "".join(text.splitlines(True)[:last_n])
            out.write(text)
            if progress and c % 50 == 0:
                sys.stderr.write("\r%d / %d cases" % (min((c + 1) * CHUNK, a.cases), a.cases))
        if jobs == 1:
            _init(gargs)
            for c in range(nchunks):
                emit(c, _work(c))
        else:
            import collections
            import multiprocessing
            with multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(
                    jobs, _init, (gargs,)) as pool:
                pending = collections.deque()
                c = 0
                while c < nchunks or pending:
                    while c < nchunks and len(pending) < 3 * jobs:  # bounded window: flat memory
                        pending.append(pool.apply_async(_work, (c,)))
                        c += 1
                    done = c - len(pending)
                    emit(done, pending.popleft().get())
        if progress:
            sys.stderr.write("\r%d / %d cases\n" % (a.cases, a.cases))
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
