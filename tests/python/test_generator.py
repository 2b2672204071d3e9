"""Tests of the synthetic data tools (tools/gen_cases.py, gen_sarah.py, seed_cases.py) and of the
bundled demo data in examples/data/ (issues 9 and 10)."""
import ctypes
import datetime
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("EK_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
TOOLS = SOURCE_DIR / "tools"
DATA = SOURCE_DIR / "examples" / "data"
sys.path.insert(0, str(TOOLS))
import case_stats  # noqa: E402
import gen_cases  # noqa: E402

PY = sys.executable
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Keys or values that would look like personal data: names, personal identity numbers.
PERSONAL_KEY = re.compile(r"namn|name|personnummer|pnr|ssn|adress|telefon|e_?post", re.I)
PERSONNUMMER = re.compile(r"\b(19|20)?\d{6}[-+]\d{4}\b")


def gen(tmp_path, name, *args):
    out = tmp_path / name
    subprocess.run([PY, str(TOOLS / "gen_cases.py"), *args, "-o", str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def five_thousand(tmp_path_factory):
    return gen(tmp_path_factory.mktemp("gen"), "c5000.jsonl", "--cases", "5000", "--seed", "7",
               "--as-of", "2026-03-01", "--jobs", "1")


def walk_keys(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield k, v
            yield from walk_keys(v, path + "." + k)
    elif isinstance(obj, list):
        for v in obj:
            yield from walk_keys(v, path)


def assert_no_personal_data(obj):
    for k, v in walk_keys(obj):
        assert not PERSONAL_KEY.search(k), k
        if isinstance(v, str):
            assert not PERSONNUMMER.search(v), v


# ---- determinism ------------------------------------------------------------------------

def test_same_seed_same_bytes_whatever_the_jobs(tmp_path):
    a = gen(tmp_path, "a.jsonl", "--cases", "2500", "--seed", "42", "--jobs", "1")
    b = gen(tmp_path, "b.jsonl", "--cases", "2500", "--seed", "42", "--jobs", "2")
    c = gen(tmp_path, "c.jsonl", "--cases", "2500", "--seed", "43", "--jobs", "1")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert len(a.read_text(encoding="utf-8").splitlines()) == 2500


def test_prefix_of_a_larger_file(tmp_path):
    """Case k is the same whatever --cases is (streams are per chunk of cases)."""
    small = gen(tmp_path, "s.jsonl", "--cases", "1500", "--seed", "5", "--jobs", "1").read_bytes()
    big = gen(tmp_path, "b.jsonl", "--cases", "2100", "--seed", "5", "--jobs", "1").read_bytes()
    assert big.startswith(small)


def test_stdout_and_empty(tmp_path):
    r = subprocess.run([PY, str(TOOLS / "gen_cases.py"), "--cases", "3", "--seed", "1"], check=True,
                       capture_output=True)
    assert len(r.stdout.splitlines()) == 3
    assert gen(tmp_path, "e.jsonl", "--cases", "0").read_bytes() == b""
    bad = subprocess.run([PY, str(TOOLS / "gen_cases.py"), "--cases", "3", "--start", "2025-02-30"],
                         capture_output=True)
    assert bad.returncode == 2 and b"not an ISO date" in bad.stderr


# ---- every good line is a valid case-1 record ---------------------------------------------

def test_lines_are_valid_cases(five_thousand):
    ids = set()
    asof = "2026-03-01"
    for line in five_thousand.read_text(encoding="utf-8").splitlines():
        c, why = case_stats.valid_case(line)
        if c is None:
            continue
        assert c["format"] == "egenkontroll/case-1"
        assert re.fullmatch(r"BU-\d{4}-\d{6}", c["id"]), c["id"]
        assert c["id"] not in ids
        ids.add(c["id"])
        assert c["unit"] in gen_cases.DEFAULT_UNITS
        assert ISO.match(c["child"]["birth_date"])
        assert c["events"], c["id"]
        for e in c["events"]:
            assert ISO.match(e["date"]) and e["date"] <= asof, (c["id"], e)
            assert e["date"] >= c["child"]["birth_date"]
            for k in ("ny_slutdag", "svar_senast"):
                if k in e:
                    datetime.date.fromisoformat(e[k])
        dates = [e["date"] for e in c["events"]]
        assert dates == sorted(dates)
        assert c["events"][0]["type"] == "anmalan_mottagen"
        for a in c.get("answers", []):
            assert a["item"] in ("A4", "B3", "B4", "B5", "B6", "C3", "D8", "D10")
            assert a["result"] in ("pass", "fail", "notapplicable") and a["date"] <= asof
    assert len(ids) > 4980


def test_attribute_words_and_required_attributes(five_thousand):
    words = {"barnets_asikt": {"dokumenterad", "skal_dokumenterat", "saknas"}, "grund": {"sol", "lvu2", "lvu3"},
             "placeringsform": {"familjehem", "jourhem", "hvb", "stodboende", "skyddat_boende", "sis"},
             "utredd_av": {"egen", "annan"}, "utfall": {"insats", "ingen_insats"}}
    required = {"utredning_forlangd": ["ny_slutdag"], "familjehemsutredning_klar": ["hem"],
                "placering_verkstalld": ["placeringsform", "grund"], "ivo_beslut": ["svar_senast"]}
    for line in five_thousand.read_text(encoding="utf-8").splitlines():
        c, _ = case_stats.valid_case(line)
        for e in (c or {}).get("events", []):
            for k, allowed in words.items():
                if k in e:
                    assert e[k] in allowed, e
            for k in required.get(e["type"], []):
                assert k in e, e


def test_no_personal_data(five_thousand):
    text = five_thousand.read_text(encoding="utf-8")
    assert '"namn"' not in text and '"personnummer"' not in text
    for line in text.splitlines()[:2000]:
        c, _ = case_stats.valid_case(line)
        if c:
            assert_no_personal_data(c)
            assert set(c["child"]) == {"birth_date"}


def test_malformed_rate(tmp_path):
    f = gen(tmp_path, "m.jsonl", "--cases", "20000", "--seed", "3", "--malformed-rate", "0.01", "--jobs", "1")
    kinds = {}
    lines = f.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20000
    for line in lines:
        c, why = case_stats.valid_case(line)
        if c is None:
            kinds[why] = kinds.get(why, 0) + 1
    bad = sum(kinds.values())
    assert 140 <= bad <= 260, kinds  # 200 expected; ±4 standard deviations
    assert {"json", "id", "event"} <= set(kinds), kinds
    clean = gen(tmp_path, "z.jsonl", "--cases", "3000", "--seed", "3", "--malformed-rate", "0", "--jobs", "1")
    assert all(case_stats.valid_case(x)[0] for x in clean.read_text(encoding="utf-8").splitlines())


# ---- proportions (DOMAIN.md §8) -----------------------------------------------------------

def test_proportions(five_thousand):
    s = case_stats.stats(str(five_thousand))
    a = s["all"]
    assert 0.32 <= a["reports_to_investigation"] <= 0.45, a  # 38 % nationally (2018)
    assert 0.03 <= a["reports_joined_to_running"] <= 0.15, a
    assert a["reports_without_decision"] < 0.03, a
    assert 0.06 <= a["cases_with_placement"] <= 0.15, a
    assert 0.65 <= s["placeringsform"]["familjehem"] <= 0.80, s["placeringsform"]  # 72 %
    assert 0.60 <= s["grund"]["sol"] <= 0.76, s["grund"]  # 68 %
    assert 0.8 <= s["skyddsbedomning"]["same_day"] <= 0.95, s["skyddsbedomning"]
    assert 0.005 <= s["decisions_outside_delegation"] <= 0.06
    assert 0.10 <= s["cases_straddling_2025_07_01"] <= 0.40
    assert 0.04 <= s["cases_with_answers"] <= 0.12
    units = [s["units"][u] for u in gen_cases.DEFAULT_UNITS]
    best, worst = units[0], units[-1]
    # timeliness spread: up to ~60 % of förhandsbedömningar late, 33-62 % of investigations over 4 months
    assert best["forhandsbedomning_over_14_days"] < 0.2
    assert 0.48 <= worst["forhandsbedomning_over_14_days"] <= 0.70
    assert 0.24 <= best["investigations_over_4_months"] <= 0.42
    assert 0.52 <= worst["investigations_over_4_months"] <= 0.72
    for t in ("utredning_forlangd", "forhandsbedomning_synnerliga_skal", "omedelbart_omhandertagande",
              "understallning", "polishandrackning", "vardnadshavare_begar_avslut", "hemflytt_riskbedomning",
              "overvagande", "omprovning", "besok", "stod_till_familjehem", "aterkoppling_begard",
              "genomforandeplan_reviderad", "vardnadsoverflyttning_overvagd", "familjehemsutredning_klar"):
        assert s["event_types"].get(t, 0) > 0, t


def test_as_of_leaves_cases_open(tmp_path):
    f = gen(tmp_path, "o.jsonl", "--cases", "1000", "--seed", "9", "--start", "2025-01-01", "--end", "2025-06-30",
            "--jobs", "1")
    last = max(e["date"] for line in f.read_text(encoding="utf-8").splitlines()
               for e in (case_stats.valid_case(line)[0] or {"events": []})["events"])
    assert last <= "2025-06-30"


def test_calendar_helpers():
    cal = gen_cases.Calendar(2024, 2027)
    o = datetime.date.toordinal
    D = datetime.date
    # DOMAIN.md §3 hand-checked examples (nominal, legal)
    for start, period, nominal, legal in [
            ("2025-12-17", 14, "2025-12-31", "2026-01-02"), ("2026-06-05", 14, "2026-06-19", "2026-06-22"),
            ("2026-12-10", 14, "2026-12-24", "2026-12-28"), ("2025-10-31", "4m", "2026-02-28", "2026-03-02"),
            ("2026-08-31", "4m", "2026-12-31", "2027-01-04"), ("2026-02-20", "4m", "2026-06-20", "2026-06-22")]:
        s = o(D.fromisoformat(start))
        n = cal.add_months(s, 4) if period == "4m" else s + period
        assert D.fromordinal(n).isoformat() == nominal
        assert D.fromordinal(cal.legal(n)).isoformat() == legal


def test_speed(tmp_path):
    """Far below the ~50 k cases/s it reaches, so it never fails on a loaded machine."""
    import time
    t = time.perf_counter()
    gen(tmp_path, "p.jsonl", "--cases", "20000", "--seed", "1", "--jobs", "1")
    assert 20000 / (time.perf_counter() - t) > 4000


# ---- lex Sarah, delegation, seeds, demo data ----------------------------------------------

def check_sarah(rec):
    assert rec["format"] == "egenkontroll/avvikelse-1"
    assert rec["typ"] in ("missforhallande", "pataglig_risk")
    d = rec["datum"]
    assert "rapport" in d and all(ISO.match(v) for v in d.values())
    order = [("handelse", "uppmarksammad"), ("uppmarksammad", "rapport"), ("rapport", "registrerad"),
             ("rapport", "utredning_inledd"), ("utredning_inledd", "bedomd"), ("bedomd", "anmald_ivo"),
             ("rapport", "anmald_ivo"), ("anmald_ivo", "utredning_till_ivo"), ("utredning_inledd", "avslutad")]
    for a, b in order:
        if a in d and b in d:
            assert d[a] <= d[b], (rec["id"], a, b)
    if "utredning" in rec:
        assert set(rec["utredning"]) == {"vad_och_konsekvenser", "nar_och_hur_uppmarksammat", "nar_det_hande",
                                         "orsaker", "tidigare_liknande", "risk_upprepning", "atgarder", "ovrigt",
                                         "stallningstagande"}
    assert_no_personal_data(rec)


def test_sarah_generator(tmp_path):
    out = tmp_path / "s.jsonl"
    cmd = [PY, str(TOOLS / "gen_sarah.py"), "--records", "300", "--seed", "4", "--as-of", "2026-03-01",
           "-o", str(out), "--delegation", str(tmp_path / "d.json")]
    subprocess.run(cmd, check=True)
    first = out.read_bytes()
    subprocess.run(cmd, check=True)
    assert out.read_bytes() == first
    recs = [json.loads(x) for x in first.decode().splitlines()]
    assert len(recs) == 300 and len({r["id"] for r in recs}) == 300
    for r in recs:
        check_sarah(r)
    serious = [r for r in recs if r.get("allvarlig")]
    assert 0.15 < len(serious) / 300 < 0.45
    assert any("anmald_ivo" not in r["datum"] for r in serious)  # some never reported to IVO
    assert any("avslutad" not in r["datum"] for r in recs)  # some open
    d = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert d == {"format": "egenkontroll/delegation-1", "kommun": "Exempelby", "beslut": gen_cases.DELEGATION}
    bad = tmp_path / "b.jsonl"
    subprocess.run([PY, str(TOOLS / "gen_sarah.py"), "--records", "100", "--bad-order-rate", "0.2", "-o", str(bad)],
                   check=True)
    broken = 0
    for r in (json.loads(x) for x in bad.read_text(encoding="utf-8").splitlines()):
        try:
            check_sarah(r)
        except AssertionError:
            broken += 1
    assert 5 <= broken <= 40


def test_demo_data_is_reproducible(tmp_path):
    """tools/make-demo-data.sh regenerates examples/data/ byte for byte."""
    subprocess.run(["sh", str(TOOLS / "make-demo-data.sh"), str(tmp_path)], check=True,
                   env=dict(os.environ, PYTHON=PY))
    for name in ("cases.jsonl", "sarah.jsonl", "delegation.json", "seeds.jsonl", "seeds-sarah.jsonl"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_demo_data_content():
    cases = DATA / "cases.jsonl"
    assert cases.stat().st_size < 5 * 1024 * 1024
    lines = cases.read_text(encoding="utf-8").splitlines()
    assert 2500 <= len(lines) <= 3500
    units = set()
    for line in lines:
        c, why = case_stats.valid_case(line)
        assert c is not None, why
        units.add(c["unit"])
        assert_no_personal_data(c)
    assert 2 <= len(units) <= 3
    for line in (DATA / "sarah.jsonl").read_text(encoding="utf-8").splitlines():
        check_sarah(json.loads(line))
    d = json.loads((DATA / "delegation.json").read_text(encoding="utf-8"))
    assert d["format"] == "egenkontroll/delegation-1" and d["kommun"] == "Exempelby"


def test_seed_scenarios():
    seeds = [json.loads(x) for x in (DATA / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    by = {}
    for c in seeds:
        assert case_stats.valid_case(json.dumps(c))[0] is not None, c["id"]
        m = re.fullmatch(r"SEED-(00[0-4])-[A-Z]", c["id"])
        assert m, c["id"]
        by.setdefault(m.group(1), []).append(c)
        assert_no_personal_data(c)
        assert all(e["date"] < "2025-07-01" for e in c["events"])  # all under the old law
    assert sorted(by) == ["000", "001", "002", "003", "004"]

    def types(seed):
        return [e for c in by[seed] for e in c["events"]]
    ev = {s: types(s) for s in by}
    # 000: a move home with no risk assessment; genomförandeplan never revised
    assert any(e["type"] == "placering_avslutad" and e.get("orsak") == "hemflytt" for e in ev["000"])
    assert not any(e["type"] in ("hemflytt_riskbedomning", "genomforandeplan_reviderad") for e in ev["000"])
    # 001: guardian asked to end a SoL placement; a home investigated without register extracts
    assert sum(e["type"] == "vardnadshavare_begar_avslut" for e in ev["001"]) >= 2
    assert any(e["type"] == "familjehemsutredning_klar" and e["registerkontroll"] is False for e in ev["001"])
    # 002: homes investigated by another municipality; an IVO decision with a reply date of 2016-03-30
    assert any(e.get("utredd_av") == "annan" for e in ev["002"])
    assert any(e["type"] == "ivo_beslut" and e["svar_senast"] == "2016-03-30" for e in ev["002"])
    # 003: police assistance without documented necessity; child's view missing
    assert any(e["type"] == "polishandrackning" and not e.get("nodvandighet_dokumenterad") for e in ev["003"])
    assert any(e.get("barnets_asikt") == "saknas" for e in ev["003"])
    # 004: decisions by roles outside the delegation order
    outside = [e for e in ev["004"] if e["type"] in gen_cases.DELEGATION and "beslutsfattare" in e
               and e["beslutsfattare"] not in gen_cases.DELEGATION[e["type"]]]
    assert len(outside) >= 4
    for line in (DATA / "seeds-sarah.jsonl").read_text(encoding="utf-8").splitlines():
        check_sarah(json.loads(line))


# ---- the library reads what the generator writes -----------------------------------------

def _library():
    """The shared library (ctypes) when it can be found, else None."""
    cands = []
    if os.environ.get("EK_LIBRARY"):
        cands.append(pathlib.Path(os.environ["EK_LIBRARY"]))
    if os.environ.get("EK_BUILD_DIR"):
        cands.append(pathlib.Path(os.environ["EK_BUILD_DIR"]) / "lib" / "libegenkontroll.so")
    if os.environ.get("EK_TOOL"):
        cands.append(pathlib.Path(os.environ["EK_TOOL"]).resolve().parents[1] / "lib" / "libegenkontroll.so")
    for p in cands:
        if p.exists():
            try:
                lib = ctypes.CDLL(str(p))
                lib.ek_case_reader_open  # noqa: B018 (the case reader has landed?)
            except (OSError, AttributeError):
                continue
            return lib
    return None


class _Err(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("status", ctypes.c_int), ("message", ctypes.c_char * 512),
                ("source", ctypes.c_char * 256), ("line", ctypes.c_ulong), ("column", ctypes.c_ulong),
                ("record_id", ctypes.c_char * 96), ("field", ctypes.c_char * 96)]


def _read_with_ctypes(lib, path):
    vp = ctypes.c_void_p
    lib.ek_case_new.argtypes = [ctypes.POINTER(vp), ctypes.c_char_p]
    lib.ek_case_reader_open.argtypes = [ctypes.POINTER(vp), ctypes.c_char_p]
    lib.ek_case_reader_next.argtypes = [vp, vp]
    lib.ek_case_reader_line.argtypes = [vp]
    lib.ek_case_reader_line.restype = ctypes.c_ulong
    lib.ek_case_id.argtypes = [vp]
    lib.ek_case_id.restype = ctypes.c_char_p
    lib.ek_case_event_count.argtypes = [vp]
    lib.ek_case_event_count.restype = ctypes.c_size_t
    lib.ek_error_last.restype = ctypes.POINTER(_Err)
    lib.ek_case_free.argtypes = [vp]
    lib.ek_case_reader_free.argtypes = [vp]
    c, r = vp(), vp()
    assert lib.ek_case_new(ctypes.byref(c), b"x") == 0
    assert lib.ek_case_reader_open(ctypes.byref(r), str(path).encode()) == 0
    out = []
    try:
        while True:
            st = lib.ek_case_reader_next(r, c)
            if st == 0:
                break
            line = lib.ek_case_reader_line(r)
            if st == 1:
                out.append((line, True, (lib.ek_case_id(c).decode(), lib.ek_case_event_count(c))))
            else:
                out.append((line, False, lib.ek_error_last().contents.message.decode("utf-8", "replace")))
    finally:
        lib.ek_case_reader_free(r)
        lib.ek_case_free(c)
    return out


def test_library_reads_generated_file(tmp_path):
    """The library's case reader accepts every good line and rejects exactly the malformed ones."""
    lib = _library()
    if lib is None:
        pytest.skip("the library's case reader is not available (set EK_LIBRARY or run under meson test)")
    f = gen(tmp_path, "lib.jsonl", "--cases", "5000", "--seed", "11", "--malformed-rate", "0.02",
            "--as-of", "2026-03-01", "--jobs", "1")
    lines = f.read_text(encoding="utf-8").splitlines()
    expect = {}
    for i, line in enumerate(lines, 1):
        c, _ = case_stats.valid_case(line)
        expect[i] = (c["id"], len(c["events"])) if c else None
    assert 50 <= sum(v is None for v in expect.values()) <= 160
    got = _read_with_ctypes(lib, f)
    assert [g[0] for g in got] == list(range(1, len(lines) + 1))
    for line, ok, what in got:
        if expect[line] is None:
            assert not ok, (line, lines[line - 1][:200])
        else:
            assert ok, (line, what)
            assert what == expect[line]
    for name in ("seeds.jsonl", "cases.jsonl"):  # the bundled files read without a single error
        res = _read_with_ctypes(lib, DATA / name)
        assert res and all(ok for _, ok, _ in res), [w for _, ok, w in res if not ok][:3]


def test_python_read_cases(tmp_path):
    """The same through the Python API: egenkontroll.read_cases(errors="collect")."""
    egenkontroll = pytest.importorskip("egenkontroll")
    if not hasattr(egenkontroll, "read_cases"):
        pytest.skip("egenkontroll.read_cases has not landed yet")
    f = gen(tmp_path, "py.jsonl", "--cases", "3000", "--seed", "12", "--malformed-rate", "0.02", "--jobs", "1")
    lines = f.read_text(encoding="utf-8").splitlines()
    items = list(egenkontroll.read_cases(str(f), errors="collect"))
    assert len(items) == len(lines)
    for n, (line, item) in enumerate(zip(lines, items), 1):
        c, _ = case_stats.valid_case(line)
        if c is None:
            assert isinstance(item, egenkontroll.CaseError) and item.line == n, (n, line[:200])
        else:
            assert not isinstance(item, egenkontroll.CaseError), (n, item.message)
            assert item.id == c["id"] and len(item.events) == len(c["events"])
    assert sum(1 for _ in egenkontroll.read_cases(str(DATA / "cases.jsonl"))) == 3000
    assert sum(1 for _ in egenkontroll.read_cases(str(DATA / "seeds.jsonl"))) == 11


def test_library_loads_delegation_order():
    lib = _library()
    if lib is None or not hasattr(lib, "ek_delegation_load_json"):
        pytest.skip("the library's delegation-1 loader is not available")
    vp = ctypes.c_void_p
    lib.ek_delegation_load_json.argtypes = [ctypes.POINTER(vp), ctypes.c_char_p]
    lib.ek_delegation_type_count.argtypes = [vp]
    lib.ek_delegation_type_count.restype = ctypes.c_size_t
    lib.ek_delegation_free.argtypes = [vp]
    d = vp()
    assert lib.ek_delegation_load_json(ctypes.byref(d), str(DATA / "delegation.json").encode()) == 0
    try:
        assert lib.ek_delegation_type_count(d) == len(gen_cases.DELEGATION)
    finally:
        lib.ek_delegation_free(d)
