"""Tests of egenkontroll.sarah: records, lifecycle, history, E1/E2, reading, summary."""
import datetime
import io
import json

import pytest

import egenkontroll
from egenkontroll import sarah

D = datetime.date


def _rec(**kw):
    line = {"id": "LS-P", "typ": "missforhallande", "datum": {"rapport": "2025-09-01"}}
    line.update(kw)
    return sarah.Record.from_json(json.dumps(line))


def test_build_transition_and_history():
    r = sarah.Record.new("LS-1", "missforhallande", D(2025, 9, 1))
    assert r.state == "rapporterad"
    r.transition("registrerad", "2025-09-01", who="registrator", when="2025-09-01")
    r.transition("under_utredning", "2025-09-02", who="enhetschef", when="2025-09-02")
    with pytest.raises(egenkontroll.StateError, match="needs allvarlig"):
        r.transition("bedomd", "2025-09-10", who="enhetschef", when="2025-09-10")
    r.set_allvarlig(True, who="enhetschef", when="2025-09-10")
    r.transition("bedomd", "2025-09-10", who="enhetschef", when="2025-09-10")
    with pytest.raises(egenkontroll.StateError, match="from bedomd to registrerad"):
        r.transition("registrerad", "2025-09-11", who="x", when="2025-09-11")
    r.set_text("kategori", "rattssakerhet_handlaggning", who="enhetschef", when="2025-09-10")
    r.transition("anmald_ivo", "2025-09-15", who="socialchef", when="2025-09-15")
    with pytest.raises(egenkontroll.StateError, match="cannot be changed"):
        r.set_text("kategori", "overgrepp", who="socialchef", when="2025-09-20")
    r.add_amendment("kategori", "Kategorin ska vara övergrepp.", who="socialchef", when="2025-09-20")
    assert r.state == "anmald_ivo"
    assert r.kategori == "rattssakerhet_handlaggning"
    h = r.history
    assert [e.field for e in h] == ["datum.registrerad", "datum.utredning_inledd", "allvarlig", "datum.bedomd",
                                    "kategori", "datum.anmald_ivo", "kategori"]
    assert h[-1].kind == "komplettering" and h[-1].who == "socialchef" and h[-1].date == D(2025, 9, 20)
    assert h[2].old is None and h[2].new == "true"
    # round trip keeps the history
    back = sarah.Record.from_json(r.to_json())
    assert back.to_json() == r.to_json()
    assert back.history == h


def test_order_conflict_names_both_dates():
    with pytest.raises(egenkontroll.ConflictError) as ei:
        _rec(datum={"rapport": "2025-09-05", "bedomd": "2025-09-01"})
    e = ei.value
    assert "bedomd 2025-09-01 is before rapport 2025-09-05" in e.message
    assert e.field == "datum.bedomd" and e.record_id == "LS-P" and e.column > 0


def test_e1_boundaries_and_allvarlig_absent():
    # bedomd 2025-12-10 + 14 d = julafton; "snarast" is a policy number, not rolled over (issue 14)
    ok = _rec(datum={"rapport": "2025-12-01", "bedomd": "2025-12-10", "anmald_ivo": "2025-12-24"}, allvarlig=True)
    late = _rec(datum={"rapport": "2025-12-01", "bedomd": "2025-12-10", "anmald_ivo": "2025-12-29"}, allvarlig=True)
    lim = {l.id: l for l in ok.evaluate("2026-01-31").limits}["sarah_anmalan_ivo"]
    assert (lim.result, lim.nominal, lim.legal) == ("pass", D(2025, 12, 24), D(2025, 12, 24))
    assert {l.id: l for l in late.evaluate("2026-01-31").limits}["sarah_anmalan_ivo"].result == "fail"
    # the SOSFS 2011:5 two months roll over (a författning); a strict policy judges by the nominal end
    sent = _rec(datum={"rapport": "2025-10-01", "bedomd": "2025-10-10", "anmald_ivo": "2025-10-20",
                       "utredning_till_ivo": "2025-12-22"}, allvarlig=True)
    lim = {l.id: l for l in sent.evaluate("2026-01-31").limits}["sarah_utredning_till_ivo"]
    assert (lim.result, lim.nominal, lim.legal) == ("pass", D(2025, 12, 20), D(2025, 12, 22))
    assert {l.id: l for l in sent.evaluate("2026-01-31", policy={"bedom_mot": "nominal"}).limits}[
        "sarah_utredning_till_ivo"].result == "fail"
    unknown = _rec(datum={"rapport": "2025-09-01", "registrerad": "2025-09-01", "utredning_inledd": "2025-09-01"})
    ev = unknown.evaluate("2025-12-31")
    assert {l.id: l.result for l in ev.limits}["sarah_anmalan_ivo"] == "notchecked"
    assert ev.e1.result == "notchecked"


def test_result_convention_and_enum_counts():
    """Issue 19: the C result is created empty (ek_sarah_result_new) and filled by ek_sarah_evaluate, like the
    case and checklist evaluations; E1/E2 have typed ids; the enum counts are functions, not sentinels."""
    from egenkontroll import _core
    assert not hasattr(_core, "EK_SARAH_DATE_COUNT") and not hasattr(_core, "EK_SARAH_ELEMENT_COUNT")
    assert (_core.ek_sarah_date_field_count(), _core.ek_sarah_element_count(),
            _core.ek_sarah_text_field_count()) == (9, 9, 5)
    assert sarah.DATE_FIELDS[-1] == "avslutad" and len(sarah.ELEMENTS) == 9 and sarah.TEXT_FIELDS[-1] == "ivo.beslut"
    status, empty = _core.ek_sarah_result_new()
    assert status == 0
    try:
        assert _core.ek_sarah_result_id(empty) is None and _core.ek_sarah_result_limit_count(empty) == 0
        assert _core.ek_sarah_result_verdict(empty, _core.EK_SARAH_ITEM_E1) == _core.EK_RESULT_INVALID
    finally:
        _core.ek_sarah_result_free(empty)
    late = _rec(datum={"rapport": "2025-12-01", "bedomd": "2025-12-10", "anmald_ivo": "2025-12-29"}, allvarlig=True)
    ev = late.evaluate("2026-01-31")
    assert (ev.e1.item, ev.e1.result, ev.e2.item) == ("E1", "fail", "E2")
    assert _core.ek_sarah_result_verdict(ev._handle, _core.EK_SARAH_ITEM_E1) == _core.EK_RESULT_FAIL


def test_messages_follow_the_context_language():
    """Issue 19: the lex Sarah messages are translated like every other message (Swedish as written, with a
    capital Å; English from po/en.po), chosen by the context's language."""
    r = _rec(datum={"rapport": "2025-09-01", "avslutad": "2025-09-30"}, allvarlig=False,
             atgarder=[{"beskrivning": "Ny rutin", "senast": "2025-10-01", "genomford": "2025-09-20"}])
    msgs = {}
    for lang in ("sv", "en"):
        with egenkontroll.Context(lang=lang) as ctx:
            ev = r.evaluate("2025-12-31", context=ctx)
            msgs[lang] = ([l.message for l in ev.limits if l.measure is not None][0], ev.e1.message)
    assert msgs["sv"][0].startswith("Åtgärd 0: Åtgärden genomförd 2025-09-20, inom fristen")
    assert msgs["en"][0] == "Measure 0: Measure carried out 2025-09-20, within the time limit: set last day 2025-10-01."
    assert msgs["en"][1].startswith(("Time limit not met", "All applicable time limits were met", "Cannot be"))


def test_e2_names_missing_elements():
    r = _rec(datum={"rapport": "2025-09-01", "avslutad": "2025-09-30"}, allvarlig=False,
             utredning={n: True for n in sarah.ELEMENTS if n not in ("orsaker", "ovrigt")} | {"orsaker": False})
    e2 = r.evaluate("2025-12-31").e2
    assert e2.result == "fail"
    assert e2.missing == ["orsaker"] and e2.unknown == ["ovrigt"]
    assert "(4) orsaker" in e2.message


def test_read_records_collects_errors(source_dir):
    text = (source_dir / "tests" / "data" / "sarah" / "mixed.jsonl").read_text()
    items = list(sarah.read_records(io.StringIO(text), errors="collect"))
    good = [x for x in items if isinstance(x, sarah.Record)]
    bad = [x for x in items if isinstance(x, sarah.RecordError)]
    assert [r.id for r in good] == ["T-1", "T-4", "T-5"]
    assert [(b.line, b.record_id, b.field) for b in bad] == [(2, "BAD-2", "datum.bedomd"), (3, "BAD-3", "allvarlig"),
                                                            (5, "", "")]
    with pytest.raises(egenkontroll.ConflictError):
        list(sarah.read_records(io.StringIO(text)))


def test_demo_register_summary(source_dir):
    s = sarah.Summary()
    for r in sarah.read_records(source_dir / "examples" / "data" / "sarah-demo.jsonl"):
        s.add(r, r.evaluate("2026-01-15"))
    c = s.counts
    assert c["records"] == 8 and c["anmald_ivo"] == 3 and c["allvarlig_yes"] == 3
    assert c["by_state"]["avslutad"] == 2
    assert sum(c["e1"].values()) == 8
    assert ("Barn och unga", 5, 2) in s.groups("unit")
    assert json.loads(s.to_json())["summary"]["records"] == 8


def test_evaluation_json_matches_cli(source_dir, tool):
    import subprocess
    path = source_dir / "examples" / "data" / "sarah-demo.jsonl"
    out = subprocess.run([tool, "sarah", "--as-of", "2026-01-15", "--format", "json", str(path)],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    py = [r.evaluate("2026-01-15").to_json() for r in sarah.read_records(path)]
    assert out[:-1] == py


def test_closed_handle():
    r = sarah.Record.new("LS-C", "pataglig_risk", "2025-09-01")
    r.close()
    with pytest.raises(ValueError):
        r.state


def test_limit_table():
    table = sarah.limits()
    assert [t.id for t in table] == ["sarah_registrering", "sarah_utredning_inledd", "sarah_anmalan_ivo",
                                     "sarah_utredning_till_ivo", "sarah_atgard"]
    kinds = {t.id: t.period_kind for t in table}
    assert kinds == {"sarah_registrering": "policy", "sarah_utredning_inledd": "policy",
                     "sarah_anmalan_ivo": "policy", "sarah_utredning_till_ivo": "lag",
                     "sarah_atgard": "faststalld_dag"}
    reg = table[0]
    assert (reg.start, reg.done, reg.policy) == ("datum.rapport", "datum.registrerad", "sarah_registrering")
    assert table[4].policy is None and table[4].start == "atgarder[].senast"
    # the law change: SoL (2001:453) up to 2025-06-30, SoL (2025:400) from 2025-07-01, for every entry
    for t in table:
        old, new = t.versions
        assert old.valid_to == D(2025, 6, 30) and new.valid_from == D(2025, 7, 1) and new.valid_to is None
        assert t.version_on("2025-06-30") is old and t.version_on(D(2025, 7, 1)) is new
        assert "SoL (2001:453) 14 kap." in old.basis and "SoL (2025:400) 27 kap." in new.basis
    till = table[3]
    assert (till.versions[0].certainty, till.versions[1].certainty) == ("S", "R")


def test_limit_table_is_what_evaluation_uses():
    r = _rec(datum={"rapport": "2026-01-09", "registrerad": "2026-01-12", "bedomd": "2026-12-10",
                    "anmald_ivo": "2026-12-20", "utredning_till_ivo": "2027-02-22"}, allvarlig=True,
             ivo={"utredning_bifogad": False},
             atgarder=[{"beskrivning": "a", "senast": "2026-12-24", "genomford": "2026-12-28"}])
    ev = r.evaluate("2027-06-01")
    table = {t.id: t for t in sarah.limits()}
    js = {o["id"]: o for o in json.loads(ev.to_json())["obligations"]}
    for lim in ev.limits:
        info = table[lim.id]
        assert lim.period_kind == info.period_kind == js[lim.id]["period_kind"]
        assert lim.policy == info.policy
        v = info.version_on(lim.nominal)
        assert (lim.basis, lim.certainty) == (v.basis, v.certainty)
        assert (lim.legal != lim.nominal) == (info.period_kind == "lag")


def test_docs_limit_table_matches_library(source_dir):
    """docs/sarah.md's E1 table documents the same entries as the library's limit table."""
    text = (source_dir / "docs" / "sarah.md").read_text()
    section = text[text.index("## E1: time limits"):]
    section = section[:section.index("\n\n", section.index("|---"))]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in section.splitlines()
            if line.startswith("| `sarah_")]
    documented = {r[0].strip("`"): r for r in rows}
    table = {t.id: t for t in sarah.limits()}
    assert set(documented) == set(table)
    for name, row in documented.items():
        info = table[name]
        assert row[4].startswith(f"`{info.period_kind}`"), (name, row[4])
        if info.start.startswith("datum."):
            assert row[1] == info.start[len("datum."):], (name, row[1])
            assert row[2] == info.done[len("datum."):], (name, row[2])
        if info.policy:
            assert row[3].startswith(f"`{info.policy}`"), (name, row[3])
