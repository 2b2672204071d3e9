"""The package as a whole: exports, docs and types, the version check, errors with
locations, the Context and its policy view, and the gaps filled in calendar, cases
and rules.  Runs against the build tree and against an installed package."""
import dataclasses
import datetime
import doctest
import importlib
import inspect
import json
import pathlib
import subprocess

import pytest

import egenkontroll as ek
from egenkontroll import _core

D = datetime.date


def _case(id="BU-1"):
    c = ek.Case(id)
    c.add_event("anmalan_mottagen", D(2025, 12, 17), anmalare="skola")
    return c


# ---- the package surface ------------------------------------------------------------


def test_all_names_exist_and_are_documented():
    assert len(set(ek.__all__)) == len(ek.__all__)
    for name in ek.__all__:
        obj = getattr(ek, name)
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
            assert inspect.getdoc(obj), f"egenkontroll.{name} has no docstring"


@pytest.mark.parametrize("module", ["calendar", "context", "cases", "rules"])
def test_module_all_names_documented_and_typed(module):
    mod = importlib.import_module(f"egenkontroll.{module}")
    for name in mod.__all__:
        obj = getattr(mod, name)
        if inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{module}.{name}"
            hints = obj.__annotations__
            assert "return" in hints, f"{module}.{name} has no return type"
        elif inspect.isclass(obj):
            assert inspect.getdoc(obj), f"{module}.{name}"
            for mname, member in vars(obj).items():
                if mname.startswith("_") or not inspect.isfunction(member):
                    continue
                assert inspect.getdoc(member), f"{module}.{name}.{mname} has no docstring"


def test_py_typed_is_shipped():
    assert (pathlib.Path(ek.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize("module", ["egenkontroll", "egenkontroll.calendar", "egenkontroll.context",
                                    "egenkontroll.cases", "egenkontroll.rules"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_one_context_class_everywhere():
    from egenkontroll import rules
    assert rules.Context is ek.Context is ek.context.Context
    assert isinstance(ek.rules.Context(), ek.Context)


# ---- version ---------------------------------------------------------------------------


def test_version_and_library_version_agree():
    assert ek.__version__ == ek.library_version()
    assert ".".join(map(str, ek.library_version_info())) == ek.__version__


def test_check_version_detects_a_mismatch():
    ek._check_version("0.1.0", "0.1.0")
    with pytest.raises(ek.VersionMismatchError) as e:
        ek._check_version("0.1.0", "0.2.0")
    assert isinstance(e.value, ImportError)
    assert "0.1.0" in str(e.value) and "0.2.0" in str(e.value)


def test_import_fails_when_the_loaded_library_is_another_release(monkeypatch):
    """Simulate a module built for one release loading the shared library of another."""
    monkeypatch.setattr(_core, "ek_version_string", lambda: "9.9.9")
    try:
        with pytest.raises(ek.VersionMismatchError, match="9.9.9"):
            importlib.reload(ek)
    finally:
        monkeypatch.undo()
        importlib.reload(ek)
    assert ek.library_version() == ek.__version__


# ---- errors ----------------------------------------------------------------------------


def test_parse_error_carries_message_and_status():
    with pytest.raises(ek.ParseError) as e:
        ek.parse_date("2026-1-1")
    err = e.value
    assert isinstance(err, ValueError) and isinstance(err, ek.EgenkontrollError)
    assert err.status == _core.EK_EPARSE and err.status_name == "EK_EPARSE"
    # the message says what is wrong, never the rejected text itself (issue 18)
    assert "not a date" in err.message and "2026-1-1" not in err.message and str(err) == err.message
    assert "ParseError" in repr(err)
    assert type(err).__module__ == "egenkontroll"


def test_invalid_and_range_errors():
    with pytest.raises(ek.InvalidArgumentError, match="2026-02-29"):
        ek.parse_date("2026-02-29")
    with pytest.raises(ek.OutOfRangeError):
        ek.Calendar().roll(D(1900, 1, 1))


def test_errors_name_file_line_column_case_and_field(tmp_path):
    p = tmp_path / "cases.jsonl"
    good = ek.Case("BU-1").to_json()
    p.write_text(good + "\n" + '{"format": "egenkontroll/case-1", "id": "BU-2", "events": '
                 '[{"type": "anmalan_mottagen", "date": "2026-02-30"}]}\n', encoding="utf-8")
    it = ek.read_cases(p)
    assert next(it).id == "BU-1"
    with pytest.raises(ek.EgenkontrollError) as e:
        next(it)
    err = e.value
    assert err.source.endswith("cases.jsonl") and err.line == 2 and err.column > 0
    assert err.record_id == "BU-2" and err.field == "events[0].date"
    assert err.location == f"{err.source}:2:{err.column}"
    # the place lives in the attributes and is shown once by str() (issue 19), never in the message
    assert str(err).startswith(err.location + ": ") and str(err).count(err.location) == 1
    assert err.location not in err.message and "BU-2" not in err.message


def test_not_found_is_a_key_error_with_a_readable_message():
    ctx = ek.Context()
    with pytest.raises(KeyError) as e:
        ctx.policy["no_such_parameter"]
    assert isinstance(e.value, ek.NotFoundError)
    assert "no_such_parameter" in str(e.value) and not str(e.value).startswith("'")


def test_missing_file_is_an_os_error(tmp_path):
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(OSError) as e:
        list(ek.read_cases(missing))
    assert isinstance(e.value, ek.LibraryIOError) and isinstance(e.value, ek.EgenkontrollError)
    assert "missing.jsonl" in str(e.value)
    with pytest.raises(ek.LibraryIOError):
        ek.Context.from_policy_file(missing)


def test_status_names_and_clearing_the_last_error():
    assert ek.status_name(_core.EK_ENOTFOUND) == "EK_ENOTFOUND"
    assert ek.status_name(-4242) == "EK_EUNKNOWN"
    with pytest.raises(ek.ParseError):
        ek.parse_period("4 months")
    assert _core.ek_error_last().status == _core.EK_EPARSE
    ek.clear_last_error()
    assert _core.ek_error_last().status == 0 and _core.ek_error_last().message == ""


def test_every_status_has_an_exception_class():
    from egenkontroll._errors import _BY_STATUS
    statuses = [getattr(_core, n) for n in dir(_core) if n.startswith("EK_E") and n[4:].isupper()
                and isinstance(getattr(_core, n), int) and getattr(_core, n) < 0]
    assert statuses
    for st in statuses:
        assert st in _BY_STATUS, ek.status_name(st)


def test_result_vocabulary():
    assert ek.RESULTS[:2] == ("pass", "fail") and "notchecked" in ek.RESULTS and len(ek.RESULTS) == 9
    assert len(ek.RESULTS) == _core.ek_result_count()  # the library's count, not a constant of the binding
    for i, name in enumerate(ek.RESULTS, start=1):
        assert ek._check(_core.ek_result_from_name(name)) == i


# ---- Context and policy -------------------------------------------------------------------


def test_policy_params_describe_every_parameter():
    params = ek.policy_params()
    assert len(params) == _core.ek_policy_param_count() == len(ek.Context().policy)
    by = {p.name: p for p in params}
    assert by["bedom_mot"].type == "choice" and by["bedom_mot"].choices == ("legal", "nominal")
    assert by["besok_intervall"].type == "period" and by["besok_intervall"].choices == ()
    for p in params:
        assert p.description and p.basis and p.certainty in ("V", "S", "R")
    with pytest.raises(dataclasses.FrozenInstanceError):
        params[0].default = "x"


def test_policy_view_is_a_validating_mapping():
    ctx = ek.Context()
    pol = ctx.policy
    assert dict(pol) == {p.name: p.default for p in ek.policy_params()}
    assert list(pol) == [p.name for p in ek.policy_params()]
    assert "besok_intervall" in pol and "nope" not in pol and 42 not in pol
    assert pol.get("nope", "x") == "x"
    pol["besok_intervall"] = "6w"
    assert ctx.policy["besok_intervall"] == "6w"
    pol["besok_intervall"] = ek.Period(2, "m")
    assert pol["besok_intervall"] == "2m" and pol.period("besok_intervall") == ek.Period(2, "m")
    with pytest.raises(ek.ParseError, match="often"):
        pol["besok_intervall"] = "often"
    with pytest.raises(ek.ParseError):
        pol["bedom_mot"] = "sometimes"
    with pytest.raises(ek.NotFoundError):
        pol["no_such"] = "1d"
    with pytest.raises(TypeError):
        pol["besok_intervall"] = 3
    assert pol["besok_intervall"] == "2m"          # unchanged by the failures
    assert pol.changed() == {"besok_intervall": "2m"}
    del pol["besok_intervall"]
    assert pol.changed() == {} and len(pol) == len(ek.policy_params())
    assert pol.info("bedom_mot").default == "legal"
    with pytest.raises(ek.NotFoundError):
        pol.info("nope")
    assert "Policy" in repr(pol)


def test_policy_update_is_all_or_nothing():
    ctx = ek.Context()
    with pytest.raises(ek.ParseError):
        ctx.policy.update({"bedom_mot": "nominal", "besok_intervall": "bad"})
    assert ctx.policy.changed() == {}
    ctx.policy.update({"bedom_mot": "nominal"}, besok_intervall="1m")
    assert ctx.policy.changed() == {"bedom_mot": "nominal", "besok_intervall": "1m"}
    assert ctx.policy.judge_on == "nominal"
    ctx.policy.reset("bedom_mot")
    assert ctx.policy.judge_on == "legal"
    ctx.policy.clear()
    assert ctx.policy.changed() == {}


def test_policy_setter_replaces_the_whole_policy():
    ctx = ek.Context(policy={"bedom_mot": "nominal"})
    ctx.policy = {"besok_intervall": "1m"}
    assert ctx.policy.changed() == {"besok_intervall": "1m"}
    with pytest.raises(ek.NotFoundError):
        ctx.policy = {"nope": "1d"}
    assert ctx.policy.changed() == {"besok_intervall": "1m"}


def test_compatible_spellings_of_the_rules_context():
    ctx = ek.rules.Context(policy={"bedom_mot": "nominal"})
    assert ctx.policy("bedom_mot") == "nominal"
    ctx.set_policy("bedom_mot", "legal")
    assert ctx.policy["bedom_mot"] == "legal"


def test_context_from_policy_file_and_json(tmp_path):
    p = tmp_path / "policy.json"
    p.write_text(json.dumps({"format": "egenkontroll/policy-1", "kommun": "Exempelby",
                             "parametrar": {"besok_intervall": "6w", "bedom_mot": "nominal"}}), encoding="utf-8")
    ctx = ek.Context.from_policy_file(p)
    assert ctx.policy.changed() == {"besok_intervall": "6w", "bedom_mot": "nominal"}
    ctx = ek.Context.from_policy_file(str(p), besok_intervall="1m")
    assert ctx.policy["besok_intervall"] == "1m"
    assert ek.Context(policy_file=p).policy["bedom_mot"] == "nominal"
    ctx = ek.Context.from_policy_json('{"parametrar": {"aterkoppling_genast": "2d"}}')
    assert ctx.policy.changed() == {"aterkoppling_genast": "2d"}
    ctx.policy.load_json(b'{"parametrar": {"aterkoppling_genast": "3d"}}')
    assert ctx.policy["aterkoppling_genast"] == "3d"


def test_policy_file_errors_name_the_file_line_and_key(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"format": "egenkontroll/policy-1",\n "parametrar": {"besok_intervall": "often"}}\n',
                 encoding="utf-8")
    with pytest.raises(ek.ParseError) as e:
        ek.Context.from_policy_file(p)
    assert e.value.source.endswith("bad.json") and e.value.line == 2
    with pytest.raises(ek.NotFoundError):
        ek.Context.from_policy_json('{"parametrar": {"nope": "1d"}}', name="inline")


def test_context_policy_changes_evaluation():
    c = _case()
    c.add_event("beslut_inleda_utredning", "2026-01-02")
    judged = {ctx_name: [o for o in ek.evaluate(c, "2026-02-01", context=ctx) if o.rule == "forhandsbedomning"][0]
              for ctx_name, ctx in [("legal", ek.Context()), ("strict", ek.Context(policy={"bedom_mot": "nominal"}))]}
    assert judged["legal"].status == "met"
    assert judged["strict"].status == "late" and "strikt" in judged["strict"].flags


def test_context_calendar():
    ctx = ek.Context()
    cal = ctx.calendar
    assert isinstance(cal, ek.Calendar)
    assert cal.roll("2025-12-24") == D(2025, 12, 29)
    assert cal.deadline("2025-10-31", "4m") == ek.Calendar().deadline("2025-10-31", "4m")
    assert "Calendar" in repr(cal)


def test_default_context_is_shared_and_read_only():
    d = ek.default_context()
    assert d is ek.default_context()
    assert d.policy.changed() == {}
    with pytest.raises(ek.InvalidArgumentError):
        d.policy["bedom_mot"] = "nominal"
    with pytest.raises(ek.InvalidArgumentError):
        d.policy = {}
    d.close()                               # refused silently: shared by the process
    assert not d.closed and d.policy["bedom_mot"] == "legal"


def test_context_argument_type_is_checked():
    with pytest.raises(TypeError):
        ek.evaluate(_case(), "2026-01-02", context={"bedom_mot": "nominal"})


# ---- calendar, cases, rules: what the C API has ------------------------------------------------


def test_add_period_and_in_range():
    assert ek.add_period("2025-10-31", "4m") == D(2026, 2, 28)
    assert ek.add_period(D(2025, 12, 17), (14, "d")) == D(2025, 12, 31)
    with pytest.raises(ek.InvalidArgumentError):
        ek.add_period("2025-10-31", "10wd")
    assert ek.in_range(ek.DATE_MIN) and ek.in_range("2199-12-31")
    assert not ek.in_range(D(1952, 12, 31)) and not ek.in_range(datetime.datetime(2200, 1, 1, 12))
    assert ek.format_period(ek.Period(10, "wd")) == "10wd" and ek.format_period("2y") == "2y"


def test_attr_spec():
    s = ek.attr_spec("anmalan_mottagen", "anmalare")
    assert s is not None and s.kind == "string"
    assert ek.attr_spec("utredning_forlangd", "ny_slutdag").kind == "date"
    assert ek.attr_spec("anmalan_mottagen", "no_such_key") is None
    with pytest.raises(ek.NotFoundError):
        ek.attr_spec("no_such_type", "x")
    required = [(t, k) for t in ek.EVENT_TYPES for k in ("grund", "placeringsform")
                if (s := ek.attr_spec(t, k)) is not None and s.required]
    assert required, "some event type requires an attribute"


def test_child_and_answer_extras_round_trip():
    c = ek.Case("BU-X")
    c.birth_date = D(2015, 5, 5)
    c.set_child_extra("skola", {"namn": "X-skolan", "klass": 4})
    c.add_answer("A1", "pass", reviewer="granskare-1", date=D(2026, 1, 10))
    c.set_answer_extra("A1", "kalla", ["akt", "journal"])
    assert c.child_extras == {"skola": {"namn": "X-skolan", "klass": 4}}
    assert c.answer("A1").extras == {"kalla": ["akt", "journal"]}
    with pytest.raises(ek.NotFoundError):
        c.set_answer_extra("B9", "k", 1)
    back = ek.Case.from_json(c.to_json())
    assert back.child_extras == c.child_extras and back.answers == c.answers
    assert back.answers[0].extras == {"kalla": ["akt", "journal"]}


def test_case_reset_and_iteration():
    c = _case("BU-R")
    c.add_event("beslut_inleda_utredning", "2026-01-02")
    assert [e.type for e in c] == ["anmalan_mottagen", "beslut_inleda_utredning"]
    c.reset()
    assert c.id == "BU-R" and len(c) == 0 and list(c) == []
    c.reset("BU-S")
    assert c.id == "BU-S"


def test_evaluate_orders_and_counts():
    c = _case()
    c.add_event("skyddsbedomning", "2025-12-17")
    c.add_event("beslut_inleda_utredning", "2026-01-02")
    c.add_event("utredning_inledd", "2026-01-02")
    by_rule = ek.evaluate(c, "2026-03-01")
    urgent = ek.evaluate(c, "2026-03-01", order="urgency")
    assert sorted(by_rule, key=lambda o: o.rule) == sorted(urgent, key=lambda o: o.rule)
    assert urgent[0].status == "overdue"
    rank = {"overdue": 0, "pending": 1, "error": 2, "late": 3, "met": 4, "notapplicable": 5}
    assert [rank[o.status] for o in urgent] == sorted(rank[o.status] for o in urgent)
    counts = ek.count_statuses(urgent)
    assert set(counts) == set(ek.STATUSES) and sum(counts.values()) == len(urgent)
    assert ek.evaluate_many([c, c], "2026-03-01", order="urgency") == [urgent, urgent]
    with pytest.raises(ValueError):
        ek.evaluate(c, "2026-03-01", order="alphabetical")


def test_evaluate_json_matches_evaluate():
    c = _case("BU-J")
    c.add_event("beslut_inleda_utredning", "2026-01-02")
    doc = json.loads(ek.evaluate_json(c, as_of="2026-01-10"))
    obls = ek.evaluate(c, as_of="2026-01-10")
    assert doc["id"] == "BU-J" and doc["as_of"] == "2026-01-10"
    assert [(o["rule"], o["status"], o["legal"]) for o in doc["obligations"]] == \
        [(o.rule, o.status, o.legal.isoformat() if o.legal else None) for o in obls]


def test_evaluate_json_matches_the_tool(tool, tmp_path):
    c = _case("BU-T")
    c.add_event("beslut_inleda_utredning", "2026-01-02")
    p = tmp_path / "one.jsonl"
    p.write_text(c.to_json() + "\n", encoding="utf-8")
    out = subprocess.run([tool, "evaluate", "--format", "json", "--as-of", "2026-01-10", str(p)],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out.splitlines()[0]) == json.loads(ek.evaluate_json(c, "2026-01-10"))


def test_rulebook_ids_and_versions_agree_with_the_library():
    rb = ek.rulebook()
    assert rb.ids[0] == "skyddsbedomning" and "utredning" in rb and "nope" not in rb
    day = D(2025, 7, 1)
    for i, rule in enumerate(rb):
        v = rule.version_on(day)
        status, info = _core.ek_rulebook_version_on(_core.ek_rulebook_builtin(), i, day.toordinal() - D(1970, 1, 1).toordinal())
        if v is None:
            assert status == _core.EK_ENOTFOUND, rule.id
        else:
            assert status == 0 and info[6] == v.basis, rule.id


def test_annual_rule():
    o = ek.evaluate_annual("forteckning_ivo", 2026, done="2026-01-20", as_of="2026-02-01")
    assert o.status == "met" and o.legal is not None
    with pytest.raises(ek.NotFoundError):
        ek.evaluate_annual("nope", 2026)


# ---- every evaluation takes the one Context -------------------------------------------------------


def _sarah_record():
    from egenkontroll import sarah
    return sarah.Record.from_json(json.dumps({
        "format": "egenkontroll/avvikelse-1", "id": "LS-CTX", "typ": "missforhallande", "allvarlig": True,
        "datum": {"rapport": "2025-10-01", "bedomd": "2025-10-10", "anmald_ivo": "2025-10-20",
                  "utredning_till_ivo": "2025-12-22"}}))


def test_sarah_and_checklist_take_the_context():
    rec = _sarah_record()
    strict = ek.Context(policy={"bedom_mot": "nominal"})

    # the SOSFS 2011:5 two months (a period set by a författning, so it has a legal end apart from the nominal
    # one): 2025-10-20 + 2m = Saturday 12-20 -> Monday 12-22, the day the investigation was sent
    def ivo(ev):
        return {lim.id: lim for lim in ev.limits}["sarah_utredning_till_ivo"].result

    assert ivo(rec.evaluate("2026-01-31")) == "pass"
    assert ivo(rec.evaluate("2026-01-31", context=strict)) == "fail"
    assert ivo(rec.evaluate("2026-01-31", policy={"bedom_mot": "nominal"})) == "fail"
    assert ivo(rec.evaluate("2026-01-31", context=strict, policy={"bedom_mot": "legal"})) == "pass"
    assert strict.policy["bedom_mot"] == "nominal"      # the overrides did not change the context
    with pytest.raises(ek.ParseError):
        rec.evaluate("2026-01-31", context=strict, policy={"bedom_mot": "sometimes"})
    with pytest.raises(TypeError):
        rec.evaluate("2026-01-31", context="strict")
    c = _case()
    assert ek.check(c, as_of="2026-03-01", context=strict).id == "BU-1"
    with pytest.raises(TypeError):
        ek.check(c, as_of="2026-03-01", context={"bedom_mot": "nominal"})
