#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Hand-written case files for the five seed scenarios (../shared/seeds/, DOMAIN.md §1).

    seed_cases.py [-o examples/data/seeds.jsonl] [--sarah examples/data/seeds-sarah.jsonl]

Each case re-enacts what a press release says went wrong, with invented dates in the
years it happened (so the old law, SoL 2001:453, applies to all of them), and says in a
comment which checklist items (DOMAIN.md §6) and deadline rules (§4) it should trip.
examples/data/README.md explains the scenarios.  Synthetic: no names, no personal
identity numbers; homes and people appear only as codes and roles.
"""
import argparse
import json
import sys


def ev(typ, date, **attrs):
    e = {"type": typ, "date": date}
    e.update(attrs)
    return e


def case(cid, unit, birth, events, answers=()):
    c = {"format": "egenkontroll/case-1", "id": cid, "unit": unit, "child": {"birth_date": birth},
         "events": list(events)}
    if answers:
        c["answers"] = [dict(item=i, result=r, reviewer=who, date=d, comment=cm) for i, r, who, d, cm in answers]
    return c


def quarterly(start_month, end_month, day=12, typ="besok", **attrs):
    """An event every three months from YYYY-MM to YYYY-MM (inclusive), on @day."""
    y, m = map(int, start_month.split("-"))
    ey, em = map(int, end_month.split("-"))
    out = []
    while (y, m) <= (ey, em):
        out.append(ev(typ, "%04d-%02d-%02d" % (y, m, day), **attrs))
        m += 3
        if m > 12:
            y, m = y + 1, m - 12
    return out


# ---- 000 Åstorp 2020: a move home without support for the family home ----------------------
U000 = "Seed 000 Åstorp"
SEED_000 = [
    # A 3.5-year-old placed in a familjehem from 2018, moved home to the parent in March 2020.
    # Trips: D4 (genomförandeplan drawn up 2018-07-20, never revised: the 6-month follow-up fell due
    # 2019-01-20), D10 (no hemflytt_riskbedomning before the move home), D8 (no stod_till_familjehem
    # after 2019-10: none during the move home; reviewer answer fail), B4 (reviewer: the risk of harm
    # from the move was not weighed in the best-interest judgement).
    case("SEED-000-A", U000, "2016-10-12", [
        ev("anmalan_mottagen", "2018-03-05", id="r1", anmalare="polis", avser_vald=False),
        ev("skyddsbedomning", "2018-03-05", ref="r1"),
        ev("beslut_inleda_utredning", "2018-03-08", ref="r1", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2018-03-08"),
        ev("information_utredning", "2018-03-08"),
        ev("natverk_utrett", "2018-03-20"),
        ev("familjehemsutredning_klar", "2018-05-30", hem="FH-S000", utredd_av="egen", registerkontroll=True,
           hem_i_annan_kommun=False),
        ev("utredning_avslutad", "2018-06-20", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="skal_dokumenterat", barnets_basta_bedomt=True),
        ev("vardplan", "2018-06-25"),
        ev("beslut_vard", "2018-06-25", beslutsfattare="utskott", grund="sol", placeringsform="familjehem", hem="FH-S000"),
        ev("placering_verkstalld", "2018-06-27", placeringsform="familjehem", grund="sol", hem="FH-S000"),
        ev("ansvarig_socialsekreterare", "2018-06-27"),
        ev("halsoundersokning_underrattelse", "2018-07-02"),
        ev("genomforandeplan", "2018-07-20"),
        ev("overvagande", "2018-12-14", beslutsfattare="utskott"),
        ev("overvagande", "2019-06-12", beslutsfattare="utskott"),
        ev("overvagande", "2019-12-10", beslutsfattare="utskott"),
        *[ev("besok", d, enskilt_samtal=False) for d in
          ("2018-08-20", "2018-11-15", "2019-02-11", "2019-05-08", "2019-08-05", "2019-11-04", "2020-02-03")],
        *[ev("stod_till_familjehem", d) for d in
          ("2018-08-01", "2018-10-03", "2018-12-05", "2019-02-06", "2019-04-03", "2019-06-05", "2019-08-07",
           "2019-10-02")],
        ev("placering_avslutad", "2020-03-16", orsak="hemflytt"),
    ], answers=[
        ("D8", "fail", "kvalitetscontroller", "2020-06-10",
         "Familjehemmet fick inget stöd eller handledning under hemflyttningsprocessen"),
        ("D10", "fail", "kvalitetscontroller", "2020-06-10",
         "Risken att barnet tar skada av flytten är inte bedömd i barnets bästa"),
        ("B4", "fail", "kvalitetscontroller", "2020-06-10",
         "Barnets känsloyttringar och risken med flytten är inte vägda in i bedömningen av barnets bästa"),
    ]),
]

# ---- 001 Tibro 2019: a voluntary placement that went on for years --------------------------
U001 = "Seed 001 Tibro"
SEED_001 = [
    # SoL placement from 2014; the guardian asked three times (2016-2017) to take the child home and
    # the care simply continued until the lex Sarah report in autumn 2018.
    # Trips: D9 (three vardnadshavare_begar_avslut, no placering_avslutad / ansokan_lvu /
    # flyttningsforbud_overvagt for years), D1 (familjehem investigated without registerkontroll),
    # D5 (no overvagande between 2017-06 and 2018-09), D6 (custody transfer never considered: due after
    # 3 years, 2017-12-18, under the rule before 2022-07-01), D4 (genomförandeplan never revised).
    case("SEED-001-A", U001, "2008-05-02", [
        ev("anmalan_mottagen", "2014-09-01", id="r1", anmalare="skola", avser_vald=False),
        ev("skyddsbedomning", "2014-09-01", ref="r1"),
        ev("beslut_inleda_utredning", "2014-09-05", ref="r1", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2014-09-05"),
        ev("information_utredning", "2014-09-08"),
        ev("samtal_med_barnet", "2014-10-02", enskilt=True),
        ev("natverk_utrett", "2014-10-20"),
        ev("familjehemsutredning_klar", "2014-11-20", hem="FH-T001", utredd_av="egen", registerkontroll=False,
           hem_i_annan_kommun=False),
        ev("utredning_avslutad", "2014-12-10", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=True),
        ev("beslut_vard", "2014-12-15", beslutsfattare="utskott", grund="sol", placeringsform="familjehem", hem="FH-T001"),
        ev("vardplan", "2014-12-15"),
        ev("placering_verkstalld", "2014-12-18", placeringsform="familjehem", grund="sol", hem="FH-T001"),
        ev("ansvarig_socialsekreterare", "2014-12-18"),
        ev("halsoundersokning_underrattelse", "2014-12-22"),
        ev("genomforandeplan", "2015-01-20"),
        *[ev("overvagande", d, beslutsfattare="utskott") for d in
          ("2015-06-10", "2015-12-09", "2016-06-08", "2016-12-07", "2017-06-07", "2018-09-12")],
        ev("vardplan_reviderad", "2016-11-30"),
        ev("vardnadshavare_begar_avslut", "2016-03-10"),
        ev("vardnadshavare_begar_avslut", "2016-11-02"),
        ev("vardnadshavare_begar_avslut", "2017-08-21"),
        *quarterly("2015-02", "2018-08", day=14, enskilt_samtal=True),
        *quarterly("2015-01", "2018-07", day=20, typ="stod_till_familjehem"),
        ev("hemflytt_riskbedomning", "2018-10-05"),
        ev("placering_avslutad", "2018-10-15", orsak="vardnadshavare_begaran"),
    ]),
    # Reports of concern not assessed within the statutory time, and an investigation over 4 months.
    # Trips: A1 (r1 assessed 7 days after receipt; r2 never), A2 (r1 decided 2018-10-22, r2 2018-11-05:
    # both after report + 14 days, no synnerliga skäl), B1 (investigation 2018-11-05 .. 2019-04-10, over
    # 4 months with no extension).
    case("SEED-001-B", U001, "2011-01-23", [
        ev("anmalan_mottagen", "2018-09-03", id="r1", anmalare="skola", avser_vald=False),
        ev("skyddsbedomning", "2018-09-10", ref="r1"),
        ev("beslut_inte_inleda_utredning", "2018-10-22", ref="r1", beslutsfattare="forste_socialsekreterare",
           motivering=True, barnets_asikt="dokumenterad"),
        ev("anmalan_mottagen", "2018-10-01", id="r2", anmalare="polis", avser_vald=True),
        ev("beslut_inleda_utredning", "2018-11-05", ref="r2", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2018-11-05"),
        ev("information_utredning", "2018-11-05"),
        ev("samtal_med_barnet", "2018-12-03", enskilt=True),
        ev("natverk_utrett", "2019-01-15"),
        ev("utredning_avslutad", "2019-04-10", beslutsfattare="socialsekreterare", utfall="ingen_insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=True),
    ], answers=[
        ("A4", "fail", "kvalitetscontroller", "2019-05-02",
         "Polisanmälan om våld ledde till utredning först efter fem veckor"),
    ]),
    # A familjehem investigated inadequately: the investigation was finished six weeks after the child
    # moved in, without register extracts.  Trips: D1 (after the placement; registerkontroll false).
    case("SEED-001-C", U001, "2013-06-30", [
        ev("anmalan_mottagen", "2017-09-11", id="r1", anmalare="forskola", avser_vald=False),
        ev("skyddsbedomning", "2017-09-11", ref="r1"),
        ev("beslut_inleda_utredning", "2017-09-20", ref="r1", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2017-09-20"),
        ev("information_utredning", "2017-09-20"),
        ev("samtal_med_barnet", "2017-10-10", enskilt=False),
        ev("natverk_utrett", "2017-10-25"),
        ev("utredning_avslutad", "2018-01-10", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=True),
        ev("beslut_vard", "2018-01-24", beslutsfattare="utskott", grund="sol", placeringsform="familjehem", hem="FH-T002"),
        ev("vardplan", "2018-01-24"),
        ev("placering_verkstalld", "2018-02-01", placeringsform="familjehem", grund="sol", hem="FH-T002"),
        ev("ansvarig_socialsekreterare", "2018-02-01"),
        ev("halsoundersokning_underrattelse", "2018-02-05"),
        ev("familjehemsutredning_klar", "2018-03-15", hem="FH-T002", utredd_av="egen", registerkontroll=False,
           hem_i_annan_kommun=False),
        ev("genomforandeplan", "2018-03-01"),
        ev("genomforandeplan_reviderad", "2018-08-29"),
        ev("overvagande", "2018-07-25", beslutsfattare="utskott"),
        *quarterly("2018-03", "2018-12", day=6, enskilt_samtal=True),
        *quarterly("2018-02", "2018-11", day=22, typ="stod_till_familjehem"),
        ev("placering_avslutad", "2019-01-14", orsak="annan_placering"),
    ]),
]

# ---- 002 Älmhult 2016: homes investigated by other municipalities, an IVO reply date ----------
U002 = "Seed 002 Älmhult"
SEED_002 = [
    # One of nine familjehem placements current in 2014 where another municipality investigated the
    # home.  Trips: D1 (utredd_av annan: under the old law the placing board must investigate the home
    # itself, JO 3728-2016), D2 (home in another municipality, not consulted), D3 (no genomförandeplan:
    # documentation gap), F4 (IVO demanded a reply by 2016-03-30; reply sent 2016-04-12).
    case("SEED-002-A", U002, "2005-04-18", [
        ev("anmalan_mottagen", "2013-10-07", id="r1", anmalare="halso_sjukvard", avser_vald=False),
        ev("skyddsbedomning", "2013-10-07", ref="r1"),
        ev("beslut_inleda_utredning", "2013-10-14", ref="r1", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2013-10-14"),
        ev("information_utredning", "2013-10-14"),
        ev("samtal_med_barnet", "2013-11-05", enskilt=True),
        ev("natverk_utrett", "2013-11-20"),
        ev("utredning_avslutad", "2014-02-10", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=True),
        ev("familjehemsutredning_klar", "2014-02-20", hem="FH-A001", utredd_av="annan", registerkontroll=True,
           hem_i_annan_kommun=True, samrad_annan_kommun=False),
        ev("beslut_vard", "2014-03-03", beslutsfattare="utskott", grund="sol", placeringsform="familjehem", hem="FH-A001"),
        ev("vardplan", "2014-03-03"),
        ev("placering_verkstalld", "2014-03-10", placeringsform="familjehem", grund="sol", hem="FH-A001"),
        ev("ansvarig_socialsekreterare", "2014-03-10"),
        ev("halsoundersokning_underrattelse", "2014-03-17"),
        *[ev("overvagande", d, beslutsfattare="utskott") for d in
          ("2014-09-03", "2015-02-25", "2015-08-19", "2016-02-17")],
        ev("vardplan_reviderad", "2016-01-20"),
        *quarterly("2014-05", "2016-05", day=18, enskilt_samtal=True),
        *quarterly("2014-04", "2016-01", day=8, typ="stod_till_familjehem"),
        ev("ivo_beslut", "2016-01-28", svar_senast="2016-03-30"),
        ev("ivo_svar", "2016-04-12"),
        ev("placering_avslutad", "2016-05-31", orsak="annan_placering"),
    ]),
    # Another of the nine: the home in another municipality was investigated there (consulted this
    # time); documentation gaps: no health-examination notice, visits with a year's gap, and no reply to
    # IVO recorded.  Trips: D1 (utredd_av annan), B6 (no halsoundersokning_underrattelse), D7 (no visit
    # between 2014-06 and 2015-06), F4 (no ivo_svar by 2016-03-30).
    case("SEED-002-B", U002, "2009-12-02", [
        ev("anmalan_mottagen", "2014-01-13", id="r1", anmalare="polis", avser_vald=True),
        ev("skyddsbedomning", "2014-01-13", ref="r1", omedelbart_skydd=False),
        ev("beslut_inleda_utredning", "2014-01-15", ref="r1", beslutsfattare="forste_socialsekreterare"),
        ev("utredning_inledd", "2014-01-15"),
        ev("information_utredning", "2014-01-16"),
        ev("samtal_med_barnet", "2014-02-04", enskilt=True),
        ev("natverk_utrett", "2014-02-18"),
        ev("utredning_avslutad", "2014-04-28", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=False, skal_dokumenterat=True),
        ev("familjehemsutredning_klar", "2014-04-10", hem="FH-A002", utredd_av="annan", registerkontroll=True,
           hem_i_annan_kommun=True, samrad_annan_kommun=True),
        ev("beslut_vard", "2014-05-05", beslutsfattare="utskott", grund="sol", placeringsform="familjehem", hem="FH-A002"),
        ev("vardplan", "2014-05-05"),
        ev("placering_verkstalld", "2014-05-12", placeringsform="familjehem", grund="sol", hem="FH-A002"),
        ev("ansvarig_socialsekreterare", "2014-05-12"),
        ev("genomforandeplan", "2014-06-10"),
        ev("genomforandeplan_reviderad", "2014-12-03"),
        ev("genomforandeplan_reviderad", "2015-06-03"),
        ev("genomforandeplan_reviderad", "2015-12-02"),
        *[ev("overvagande", d, beslutsfattare="utskott") for d in
          ("2014-11-05", "2015-04-29", "2015-10-21")],
        ev("besok", "2014-06-16", enskilt_samtal=False),
        ev("besok", "2015-06-22", enskilt_samtal=False),
        ev("besok", "2015-09-14", enskilt_samtal=True),
        ev("besok", "2015-12-07", enskilt_samtal=True),
        ev("besok", "2016-03-07", enskilt_samtal=True),
        *quarterly("2014-06", "2016-03", day=4, typ="stod_till_familjehem"),
        ev("ivo_beslut", "2016-01-28", svar_senast="2016-03-30"),
        ev("placering_avslutad", "2016-03-31", orsak="annan_placering"),
    ]),
]

# ---- 003 Boxholm 2019: the children's views, their network, a police pick-up ---------------
U003 = "Seed 003 Boxholm"
SEED_003 = [
    # The younger of two siblings who lived with their grandmother after their mother died (2017-08).
    # Trips: A3 (an earlier decision not to investigate without reasons, the child's view "saknas"),
    # B3 (no talk with the child; barnets_asikt saknas), B4 (best interests not assessed), B5 (the
    # network - the grandmother's home - not investigated before placement outside it; no natverk_utrett),
    # B6 (no halsoundersokning_underrattelse), C3 (second polishandrackning without
    # nodvandighet_dokumenterad).
    case("SEED-003-A", U003, "2007-02-14", [
        ev("anmalan_mottagen", "2017-05-10", id="r1", anmalare="skola", avser_vald=False),
        ev("skyddsbedomning", "2017-05-10", ref="r1"),
        ev("beslut_inte_inleda_utredning", "2017-05-19", ref="r1", beslutsfattare="forste_socialsekreterare",
           motivering=False, barnets_asikt="saknas"),
        ev("anmalan_mottagen", "2017-08-28", id="r2", anmalare="halso_sjukvard", avser_vald=False),
        ev("skyddsbedomning", "2017-08-28", ref="r2"),
        ev("beslut_inleda_utredning", "2017-09-04", ref="r2", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2017-09-04"),
        ev("information_utredning", "2017-09-04"),
        ev("familjehemsutredning_klar", "2017-11-10", hem="FH-B001", utredd_av="egen", registerkontroll=True,
           hem_i_annan_kommun=False),
        ev("utredning_avslutad", "2017-12-20", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="saknas", barnets_basta_bedomt=False),
        ev("ansokan_lvu", "2018-01-10"),
        ev("dom_laga_kraft", "2018-03-01"),
        ev("beslut_vard", "2018-03-02", beslutsfattare="utskott", grund="lvu2", placeringsform="familjehem", hem="FH-B002"),
        ev("vardplan", "2018-03-02"),
        ev("placering_verkstalld", "2018-03-15", placeringsform="familjehem", grund="lvu2", hem="FH-B002"),
        ev("polishandrackning", "2018-03-15", nodvandighet_dokumenterad=True),
        ev("ansvarig_socialsekreterare", "2018-03-15"),
        ev("genomforandeplan", "2018-04-20"),
        ev("overvagande", "2018-09-10", beslutsfattare="utskott"),
        ev("polishandrackning", "2018-10-08", nodvandighet_dokumenterad=False),
        ev("overvagande", "2019-03-06", beslutsfattare="utskott"),
        ev("genomforandeplan_reviderad", "2018-10-17"),
        ev("genomforandeplan_reviderad", "2019-04-10"),
        *quarterly("2018-04", "2019-04", day=9, enskilt_samtal=False),
        *quarterly("2018-04", "2019-04", day=24, typ="stod_till_familjehem"),
        ev("placering_avslutad", "2019-06-28", orsak="annan_placering"),
        ev("lvu_vard_avslutad", "2019-06-28"),
        ev("lvu_uppfoljning_avslutad", "2019-12-20"),
    ], answers=[
        ("B3", "fail", "roterande_granskare", "2019-04-30", "Det framgår inte hur barnet kommit till tals eller vad barnet önskar"),
        ("B4", "fail", "roterande_granskare", "2019-04-30", "Barnets bästa är inte bedömt i utredning eller beslut"),
        ("B5", "fail", "roterande_granskare", "2019-04-30", "Nätverkets betydelse (mormor) är inte utredd"),
        ("B6", "fail", "roterande_granskare", "2019-04-30", "Skolgång och hälso- och sjukvårdsbehov inte tillgodosedda"),
        ("C3", "fail", "roterande_granskare", "2019-04-30", "Polishämtningen i oktober följde inte LVU:s intentioner"),
    ]),
    # The older sibling: talked to, but placed against her wishes without the reasons written down,
    # network not investigated, police assistance with the necessity not recorded at all.
    # Trips: B3 (onskemal_foljt false, skal_dokumenterat false), B5 (no natverk_utrett), B6 (no health
    # notice), C3 (polishandrackning without nodvandighet_dokumenterad: cannot pass).
    case("SEED-003-B", U003, "2002-05-20", [
        ev("anmalan_mottagen", "2017-08-28", id="r1", anmalare="halso_sjukvard", avser_vald=False),
        ev("skyddsbedomning", "2017-08-28", ref="r1"),
        ev("beslut_inleda_utredning", "2017-09-04", ref="r1", beslutsfattare="socialsekreterare"),
        ev("utredning_inledd", "2017-09-04"),
        ev("information_utredning", "2017-09-04"),
        ev("samtal_med_barnet", "2017-10-03", enskilt=True),
        ev("utredning_avslutad", "2017-12-20", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=False, skal_dokumenterat=False),
        ev("ansokan_lvu", "2018-01-10"),
        ev("dom_laga_kraft", "2018-03-01"),
        ev("beslut_vard", "2018-03-02", beslutsfattare="utskott", grund="lvu2", placeringsform="hvb", hem="HVB-B01"),
        ev("vardplan", "2018-03-02"),
        ev("placering_verkstalld", "2018-03-15", placeringsform="hvb", grund="lvu2", hem="HVB-B01"),
        ev("ansvarig_socialsekreterare", "2018-03-15"),
        ev("genomforandeplan", "2018-04-20"),
        ev("genomforandeplan_reviderad", "2018-10-17"),
        ev("genomforandeplan_reviderad", "2019-04-10"),
        ev("overvagande", "2018-09-10", beslutsfattare="utskott"),
        ev("polishandrackning", "2018-10-08"),
        ev("overvagande", "2019-03-06", beslutsfattare="utskott"),
        *quarterly("2018-04", "2019-04", day=11, enskilt_samtal=True),
        ev("placering_avslutad", "2019-06-28", orsak="annan_placering"),
        ev("lvu_vard_avslutad", "2019-06-28"),
        ev("lvu_uppfoljning_avslutad", "2019-12-20"),
    ], answers=[
        ("B3", "fail", "roterande_granskare", "2019-04-30", "Skälen till att barnets önskemål inte följdes framgår inte"),
        ("B5", "fail", "roterande_granskare", "2019-04-30", "Nätverket är inte utrett"),
        ("C3", "fail", "roterande_granskare", "2019-04-30", "Nödvändigheten av polisens handräckning är inte dokumenterad"),
    ]),
]

# ---- 004 Älvsbyn 2023: delegation, participation, following the care -----------------------
U004 = "Seed 004 Älvsbyn"
SEED_004 = [
    # Decisions by roles the delegation order does not allow, a year without visits, a missed
    # övervägande.  Trips: C1 (beslut_inleda_utredning by "konsult", utredning_forlangd by
    # "socialsekreterare", beslut_vard by "enhetschef", overvagande by "forste_socialsekreterare"),
    # B3 (barnets_asikt saknas), D7 (no visit 2021-05-20 .. 2022-06-01), D5 (övervägande due
    # 2022-03-10 not made until 2022-09-20), D6 (custody transfer due 2023-03-15, two years after the
    # placement, under the rule from 2022-07-01, not considered).
    case("SEED-004-A", U004, "2012-08-09", [
        ev("anmalan_mottagen", "2020-10-05", id="r1", anmalare="polis", avser_vald=True),
        ev("skyddsbedomning", "2020-10-05", ref="r1"),
        ev("beslut_inleda_utredning", "2020-10-07", ref="r1", beslutsfattare="konsult"),
        ev("utredning_inledd", "2020-10-07"),
        ev("information_utredning", "2020-10-07"),
        ev("natverk_utrett", "2020-11-12"),
        ev("utredning_forlangd", "2021-01-25", beslutsfattare="socialsekreterare", ny_slutdag="2021-03-07",
           skal="Utlåtande från BUP inväntas"),
        ev("utredning_avslutad", "2021-03-01", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="saknas", barnets_basta_bedomt=True),
        ev("familjehemsutredning_klar", "2021-02-15", hem="FH-E001", utredd_av="egen", registerkontroll=True,
           hem_i_annan_kommun=False),
        ev("beslut_vard", "2021-03-10", beslutsfattare="enhetschef", grund="sol", placeringsform="familjehem", hem="FH-E001"),
        ev("vardplan", "2021-03-10"),
        ev("placering_verkstalld", "2021-03-15", placeringsform="familjehem", grund="sol", hem="FH-E001"),
        ev("ansvarig_socialsekreterare", "2021-03-15"),
        ev("halsoundersokning_underrattelse", "2021-03-18"),
        ev("genomforandeplan", "2021-04-12"),
        ev("genomforandeplan_reviderad", "2021-10-11"),
        ev("genomforandeplan_reviderad", "2022-04-11"),
        ev("genomforandeplan_reviderad", "2022-10-10"),
        ev("genomforandeplan_reviderad", "2023-04-03"),
        ev("vardplan_reviderad", "2023-02-20"),
        ev("overvagande", "2021-09-10", beslutsfattare="utskott"),
        ev("overvagande", "2022-09-20", beslutsfattare="forste_socialsekreterare"),
        ev("overvagande", "2023-03-15", beslutsfattare="utskott"),
        ev("besok", "2021-05-20", enskilt_samtal=False),
        ev("besok", "2022-06-01", enskilt_samtal=False),
        ev("besok", "2022-08-29", enskilt_samtal=True),
        ev("besok", "2022-11-21", enskilt_samtal=True),
        ev("besok", "2023-02-13", enskilt_samtal=True),
        *quarterly("2021-04", "2023-01", day=7, typ="stod_till_familjehem"),
        ev("placering_avslutad", "2023-04-14", orsak="annan_placering"),
    ], answers=[
        ("B3", "fail", "kvalitetscontroller", "2023-05-15", "Barnets delaktighet framgår inte"),
    ]),
    # A decision not to investigate taken by a role without delegation, without the child's view.
    # Trips: C1 (beslut_inte_inleda_utredning by "socialsekreterare"), A3 (barnets_asikt saknas).
    case("SEED-004-B", U004, "2015-03-27", [
        ev("anmalan_mottagen", "2021-11-12", id="r1", anmalare="forskola", avser_vald=False),
        ev("skyddsbedomning", "2021-11-12", ref="r1"),
        ev("beslut_inte_inleda_utredning", "2021-11-22", ref="r1", beslutsfattare="socialsekreterare",
           motivering=True, barnets_asikt="saknas"),
    ]),
    # LVU 3 § care after an immediate custody decided by a role without delegation; the six-monthly
    # omprövning missed once; visits without private talks.  Trips: C1 (omedelbart_omhandertagande by
    # "enhetschef"), D5 (omprövning due 2022-08-10, made 2023-01-18).  Passes C2 (submitted to court
    # within a week, care applied for within four weeks) and lvu_vard_paborjad.
    case("SEED-004-C", U004, "2006-11-30", [
        ev("anmalan_mottagen", "2021-08-16", id="r1", anmalare="polis", avser_vald=False),
        ev("skyddsbedomning", "2021-08-16", ref="r1", omedelbart_skydd=True),
        ev("beslut_inleda_utredning", "2021-08-16", ref="r1", beslutsfattare="forste_socialsekreterare"),
        ev("utredning_inledd", "2021-08-16"),
        ev("information_utredning", "2021-08-17"),
        ev("omedelbart_omhandertagande", "2021-08-17", beslutsfattare="enhetschef"),
        ev("omedelbart_omhandertagande_verkstallt", "2021-08-17"),
        ev("understallning", "2021-08-20"),
        ev("ansokan_lvu", "2021-09-10"),
        ev("samtal_med_barnet", "2021-09-02", enskilt=True),
        ev("natverk_utrett", "2021-09-20"),
        ev("dom_laga_kraft", "2021-10-28"),
        ev("beslut_vard", "2021-10-29", beslutsfattare="utskott", grund="lvu3", placeringsform="hvb", hem="HVB-E01"),
        ev("placering_verkstalld", "2021-08-17", placeringsform="hvb", grund="lvu3", hem="HVB-E01"),
        ev("utredning_avslutad", "2021-11-30", beslutsfattare="socialsekreterare", utfall="insats",
           barnets_asikt="dokumenterad", barnets_basta_bedomt=True, onskemal_foljt=False, skal_dokumenterat=True),
        ev("vardplan", "2021-10-29"),
        ev("ansvarig_socialsekreterare", "2021-08-17"),
        ev("halsoundersokning_underrattelse", "2021-08-25"),
        ev("genomforandeplan", "2021-11-15"),
        ev("genomforandeplan_reviderad", "2022-05-09"),
        ev("genomforandeplan_reviderad", "2022-11-07"),
        ev("omprovning", "2022-02-10", beslutsfattare="utskott"),
        ev("omprovning", "2023-01-18", beslutsfattare="utskott"),
        *quarterly("2021-09", "2023-03", day=21, enskilt_samtal=False),
        ev("hemflytt_riskbedomning", "2023-03-20"),
        ev("placering_avslutad", "2023-04-03", orsak="hemflytt"),
        ev("lvu_vard_avslutad", "2023-04-03"),
        ev("lvu_uppfoljning_avslutad", "2023-09-29"),
    ]),
]

ALL = SEED_000 + SEED_001 + SEED_002 + SEED_003 + SEED_004

# Lex Sarah records of the seed scenarios (egenkontroll/avvikelse-1).
SARAH = [
    # 001 Tibro: the child placed for years against the guardian's repeated requests (SEED-001-A).
    # Serious, reported to IVO within 14 days of the assessment, the investigation sent within 2 months,
    # measures done in time.  Passes E1 and E2: a record done right, for contrast.
    {"format": "egenkontroll/avvikelse-1", "id": "LS-SEED-001", "unit": U001, "typ": "missforhallande",
     "kategori": "rattssakerhet_handlaggning", "rapportor": "familjehemssekreterare",
     "datum": {"handelse": "2016-03-10", "uppmarksammad": "2018-09-24", "rapport": "2018-09-25",
               "registrerad": "2018-09-25", "utredning_inledd": "2018-09-26", "bedomd": "2018-10-08",
               "anmald_ivo": "2018-10-15", "utredning_till_ivo": "2018-11-30", "avslutad": "2018-11-30"},
     "allvarlig": True,
     "utredning": {"vad_och_konsekvenser": True, "nar_och_hur_uppmarksammat": True, "nar_det_hande": True,
                   "orsaker": True, "tidigare_liknande": True, "risk_upprepning": True, "atgarder": True,
                   "ovrigt": True, "stallningstagande": True},
     "atgarder": [{"beskrivning": "Systematisk genomgång av alla familjehemsplaceringar", "ansvarig": "socialchef",
                   "senast": "2018-12-31", "genomford": "2018-12-14"},
                  {"beskrivning": "Ledningssystem för systematiskt kvalitetsarbete", "ansvarig": "socialchef",
                   "senast": "2019-03-31", "genomford": "2019-03-28"}],
     "ivo": {"diarienummer": "3.5.1-00001/2018", "utredning_bifogad": False}},
    # 004 Älvsbyn: the external review of three children's cases (2020-09-30 .. 2023-03-30).
    # Trips: E1 (serious, reported to IVO 40 days after the assessment; investigation sent more than
    # 2 months after that), E2 (closed without the causes or earlier similar events documented).
    {"format": "egenkontroll/avvikelse-1", "id": "LS-SEED-004", "unit": U004, "typ": "missforhallande",
     "kategori": "brister_tillsyn_placerat_barn", "rapportor": "enhetschef",
     "datum": {"handelse": "2023-03-30", "uppmarksammad": "2023-05-22", "rapport": "2023-05-23",
               "registrerad": "2023-05-23", "utredning_inledd": "2023-05-24", "bedomd": "2023-06-12",
               "anmald_ivo": "2023-07-22", "utredning_till_ivo": "2023-09-29", "avslutad": "2023-09-29"},
     "allvarlig": True,
     "utredning": {"vad_och_konsekvenser": True, "nar_och_hur_uppmarksammat": True, "nar_det_hande": True,
                   "orsaker": False, "tidigare_liknande": False, "risk_upprepning": True, "atgarder": True,
                   "ovrigt": True, "stallningstagande": True},
     "atgarder": [{"beskrivning": "Delegationsordning och rutin för beslutsfattande", "ansvarig": "socialchef",
                   "senast": "2023-10-31", "genomford": "2023-11-20"},
                  {"beskrivning": "Riktlinje för ledningssystem och systematiskt kvalitetsarbete",
                   "ansvarig": "socialchef", "senast": "2023-10-31", "genomford": "2023-10-24"}],
     "ivo": {"diarienummer": "3.5.1-00004/2023", "utredning_bifogad": False}},
]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-o", "--output", default="-", help="case-1 file (default: standard output)")
    p.add_argument("--sarah", metavar="FILE", help="also write the seed lex Sarah records to FILE")
    a = p.parse_args(argv)
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8", newline="\n")
    try:
        for c in ALL:
            c["events"].sort(key=lambda e: e["date"])  # stable: same-date events keep their order
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if a.sarah:
        with open(a.sarah, "w", encoding="utf-8", newline="\n") as f:
            for r in SARAH:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
