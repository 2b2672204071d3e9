"""Tests of egenkontroll.cases: the Case builder, events, answers, JSON round trip, read_cases."""
import datetime
import doctest
import io

import pytest

import egenkontroll
from egenkontroll import Case, CaseError, Event, read_cases
from egenkontroll import cases as cases_module

D = datetime.date


@pytest.fixture
def data(source_dir):
    return source_dir / "tests" / "data" / "cases"


def test_doctests():
    assert doctest.testmod(cases_module).failed == 0


def test_event_types_are_every_known_type():
    """EVENT_TYPES lists every known type, in enum order, counted by the library
    (ek_event_type_count()), not by a private sentinel of the C enum."""
    from egenkontroll import _core
    n = _core.ek_event_type_count()
    assert egenkontroll.EVENT_TYPES == tuple(_core.ek_event_type_name(t) for t in range(1, n + 1))
    assert egenkontroll.EVENT_TYPES[0] == "anmalan_mottagen"
    assert egenkontroll.EVENT_TYPES[-1] == "begaran_avgorande_besvarad"
    assert len(set(egenkontroll.EVENT_TYPES)) == n
    # Every EK_EV_ enumerator SWIG sees is counted: the count cannot lag behind the enum.
    values = {getattr(_core, k) for k in dir(_core) if k.startswith("EK_EV_") and k != "EK_EV_UNKNOWN"}
    assert values == set(range(1, n + 1))
    assert _core.ek_event_type_name(n + 1) is None


def test_no_private_names_in_the_module():
    """Private C names (ek__/EK__) never reach Python users."""
    from egenkontroll import _core
    assert [k for k in dir(_core) if k.lower().startswith("ek__")] == []


def test_builder_and_events():
    with Case("BU-1") as c:
        c.unit = "Barn och unga"
        c.birth_date = D(2014, 3, 9)
        i = c.add_event("anmalan_mottagen", D(2025, 9, 1), id="a1", anmalare="skola", avser_vald=True)
        j = c.add_event("utredning_forlangd", "2025-12-01", ref="a1", ny_slutdag=D(2026, 3, 1))
        k = c.add_event("besok", D(2025, 8, 1), plats={"ort": "X", "n": [1, 2]})
        assert (i, j, k) == (0, 1, 2)
        assert len(c) == 3
        ev = c.events
        assert ev[0] == Event(0, "anmalan_mottagen", D(2025, 9, 1), "a1", None,
                              {"anmalare": "skola", "avser_vald": True})
        assert ev[1].attrs == {"ny_slutdag": D(2026, 3, 1)}
        assert ev[1].ref == "a1"
        assert ev[2].attrs == {"plats": {"ort": "X", "n": [1, 2]}}
        assert [e.index for e in c.events_by_date] == [2, 0, 1]
        assert c.birth_date == D(2014, 3, 9)
        assert c.unit == "Barn och unga"
        assert len(c.warnings) == 1 and "plats" in c.warnings[0]
        with pytest.raises(dataclasses_frozen_error()):
            ev[0].date = D(2000, 1, 1)
        c.validate()
    assert c.closed


def dataclasses_frozen_error():
    import dataclasses
    return dataclasses.FrozenInstanceError


def test_unknown_type_is_kept():
    c = Case("BU-U")
    c.add_event("telefonsamtal", D(2025, 1, 1), med="skola")
    e = c.event(0)
    assert e.type == "telefonsamtal" and not e.known
    assert any("telefonsamtal" in w for w in c.warnings)


def test_wrong_kind_raises_with_location():
    c = Case("BU-K")
    c.add_event("utredning_avslutad", D(2025, 1, 1))
    with pytest.raises(egenkontroll.InvalidArgumentError) as exc:
        c.set_attr(0, "barnets_asikt", "kanske")
    assert exc.value.record_id == "BU-K"
    assert exc.value.field == "events[0].barnets_asikt"
    with pytest.raises(egenkontroll.InvalidArgumentError):
        c.set_attr(0, "onskemal_foljt", "ja")
    c.add_event("ivo_beslut", D(2025, 1, 2))
    with pytest.raises(egenkontroll.InvalidArgumentError) as exc:
        c.validate()
    assert exc.value.field == "events[1].svar_senast"


def test_answers():
    c = Case("BU-A")
    c.add_answer("B4", "pass", reviewer="granskare", date=D(2025, 11, 2))
    c.add_answer("C1", "notapplicable", comment="ej aktuellt")
    c.add_answer("B4", "fail")
    assert [a.item for a in c.answers] == ["B4", "C1"]
    assert c.answer("B4").result == "fail"
    assert c.answer("B4").reviewer is None
    assert c.answer("C1").comment == "ej aktuellt"
    assert c.answer("Z9") is None
    with pytest.raises(ValueError):
        c.add_answer("B5", "error")


def test_json_round_trip(data):
    lines = (data / "canonical.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        c = Case.from_json(line)
        assert c.to_json() == line
    c = Case.from_json(lines[2])
    assert c.extras == {"kalla": "system-x", "exportversion": 3, "taggar": ["a", "b"]}
    assert c.events[1].attrs["langd"] == 12.5
    assert c.events[1].attrs["anteckning"] is None


def test_from_json_error_names_field():
    with pytest.raises(egenkontroll.ParseError) as exc:
        Case.from_json('{"id": "X", "events": [{"type": "besok", "date": "2025-01-01", "enskilt_samtal": "ja"}]}')
    assert exc.value.field == "events[0].enskilt_samtal"
    assert exc.value.record_id == "X"
    assert exc.value.column > 1


def test_read_cases_raise(data):
    it = read_cases(data / "mixed.jsonl")
    assert next(it).id == "OK-1"
    with pytest.raises(egenkontroll.InvalidArgumentError) as exc:
        next(it)
    assert exc.value.line == 3
    assert exc.value.field == "events[3].date"
    assert exc.value.record_id == "BAD-DATE"


def test_read_cases_collect(data):
    items = list(read_cases(str(data / "mixed.jsonl"), errors="collect"))
    kinds = [(type(x).__name__, x.id if isinstance(x, Case) else (x.line, x.case_id, x.field)) for x in items]
    assert kinds == [
        ("Case", "OK-1"),
        ("CaseError", (3, "BAD-DATE", "events[3].date")),
        ("Case", "OK-2"),
        ("CaseError", (6, "", "")),
        ("CaseError", (7, "BAD-KIND", "events[0].avser_vald")),
        ("CaseError", (8, "OK-1", "id")),
        ("CaseError", (9, "BAD-REQ", "events[1].ny_slutdag")),
        ("CaseError", (10, "BAD-FORMAT", "format")),
        ("Case", "OK-3"),
    ]
    errs = [x for x in items if isinstance(x, CaseError)]
    assert all(e.column > 0 and e.source.endswith("mixed.jsonl") for e in errs)
    assert isinstance(errs[3].exception(), egenkontroll.ConflictError)
    # cases are independent objects
    assert items[0].id == "OK-1" and items[2].id == "OK-2"


def test_read_cases_file_objects(data):
    raw = (data / "canonical.jsonl").read_bytes()
    ids = [c.id for c in read_cases(io.BytesIO(raw))]
    assert ids == ["BU-2025-0117", "BU-2025-0200", "BU-2025-0201"]
    with open(data / "crlf.jsonl", encoding="utf-8", newline="") as f:
        assert [c.id for c in read_cases(f)] == ["CRLF-1", "CRLF-2"]
    with pytest.raises(ValueError):
        list(read_cases(io.StringIO(""), errors="ignore"))


def test_read_cases_missing_file(tmp_path):
    with pytest.raises(OSError):
        list(read_cases(tmp_path / "nope.jsonl"))
