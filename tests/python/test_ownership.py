"""Ownership from Python: values outlive the objects they came from, close() is
idempotent, use after close raises ValueError (never touches freed memory), and the
garbage collector may free objects in any order."""
import datetime
import gc
import io
import weakref

import pytest

import egenkontroll as ek

D = datetime.date


def _case(id="BU-O"):
    c = ek.Case(id)
    c.add_event("anmalan_mottagen", D(2025, 12, 17), anmalare="skola")
    c.add_event("beslut_inleda_utredning", D(2026, 1, 2))
    return c


def test_obligations_outlive_a_closed_case():
    c = _case()
    obls = ek.evaluate(c, as_of="2026-01-10")
    c.close()
    assert obls and all(isinstance(o.rule, str) and o.basis for o in obls)
    assert [o for o in obls if o.rule == "forhandsbedomning"][0].done == D(2026, 1, 2)


def test_obligations_and_events_outlive_a_collected_case():
    c = _case()
    obls = ek.evaluate(c, as_of="2026-01-10")
    events = c.events
    ref = weakref.ref(c)
    del c
    gc.collect()
    assert ref() is None
    assert events[0].type == "anmalan_mottagen" and events[0].attrs == {"anmalare": "skola"}
    assert {o.rule for o in obls} >= {"forhandsbedomning"}


def test_events_are_copies():
    c = _case()
    before = c.event(0)
    c.set_attr(0, "anmalare", "polis")
    assert before.attrs == {"anmalare": "skola"} and c.event(0).attrs == {"anmalare": "polis"}


@pytest.mark.parametrize("make", [lambda: _case(), ek.Calendar, ek.Context],
                         ids=["Case", "Calendar", "Context"])
def test_close_is_idempotent_and_context_manager_closes(make):
    obj = make()
    assert not obj.closed
    obj.close()
    obj.close()
    assert obj.closed
    with make() as obj2:
        assert not obj2.closed
    assert obj2.closed
    obj2.close()
    with pytest.raises(ValueError):
        with obj2:
            pass


def test_use_after_close_raises_value_error():
    c = _case()
    c.close()
    for call in (lambda: c.id, lambda: len(c), lambda: c.events, lambda: c.to_json(),
                 lambda: c.add_event("besok", D(2026, 1, 1)), lambda: ek.evaluate(c, "2026-01-10"),
                 lambda: ek.evaluate_many([c], "2026-01-10")):
        with pytest.raises(ValueError, match="closed"):
            call()
    assert repr(c) == "<Case closed>"
    cal = ek.Calendar()
    cal.close()
    with pytest.raises(ValueError):
        cal.roll("2026-01-01")
    ctx = ek.Context()
    ctx.close()
    with pytest.raises(ValueError):
        ctx.policy
    with pytest.raises(ValueError):
        ek.evaluate(_case(), "2026-01-10", context=ctx)
    assert repr(ctx) == "<Context closed>"


def test_borrowed_calendar_keeps_its_context_alive():
    ctx = ek.Context()
    cal = ctx.calendar
    ref = weakref.ref(ctx)
    del ctx
    gc.collect()
    assert ref() is not None                # the calendar holds it
    assert cal.is_working_day("2026-01-07") and cal.roll("2026-01-06") == D(2026, 1, 7)
    del cal
    gc.collect()
    assert ref() is None


def test_borrowed_calendar_refuses_use_after_its_context_is_closed():
    ctx = ek.Context()
    cal = ctx.calendar
    view = ctx.policy
    ctx.close()
    assert cal.closed
    with pytest.raises(ValueError, match="Context that is closed|closed"):
        cal.roll("2026-01-06")
    with pytest.raises(ValueError):
        view["bedom_mot"]


def test_closing_a_borrowed_calendar_leaves_the_context_usable():
    ctx = ek.Context()
    cal = ctx.calendar
    cal.close()
    cal.close()
    assert ctx.calendar.roll("2025-12-24") == D(2025, 12, 29)
    assert ek.evaluate(_case(), "2026-01-10", context=ctx)


def test_policy_view_keeps_its_context_alive():
    view = ek.Context(policy={"bedom_mot": "nominal"}).policy
    gc.collect()
    assert view["bedom_mot"] == "nominal"
    view["bedom_mot"] = "legal"
    assert view.judge_on == "legal"


@pytest.mark.parametrize("order", [("ctx", "cal", "case"), ("case", "cal", "ctx"), ("cal", "ctx", "case")])
def test_gc_in_any_order(order):
    objs = {"ctx": ek.Context(policy={"bedom_mot": "nominal"}), "case": _case()}
    objs["cal"] = objs["ctx"].calendar
    obls = ek.evaluate(objs["case"], "2026-01-10", context=objs["ctx"])
    refs = {k: weakref.ref(v) for k, v in objs.items()}
    for name in order:
        del objs[name]
        gc.collect()
    assert all(r() is None for r in refs.values())
    assert obls[0].rule


def test_reference_cycles_are_collected():
    c = _case()
    holder = {"case": c}
    holder["self"] = holder
    c_ref = weakref.ref(c)
    del c, holder
    gc.collect()
    assert c_ref() is None


def test_cases_from_an_abandoned_reader_stay_valid(tmp_path):
    lines = []
    for i in range(5):
        with _case(f"BU-{i}") as c:
            lines.append(c.to_json())
    p = tmp_path / "cases.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    it = ek.read_cases(p)
    first = next(it)
    second = next(it)
    it.close()                   # frees the C reader
    del it
    gc.collect()
    assert (first.id, second.id) == ("BU-0", "BU-1")
    assert ek.evaluate(second, "2026-01-10")
    cases = list(ek.read_cases(io.StringIO("\n".join(lines))))
    assert [c.id for c in cases] == [f"BU-{i}" for i in range(5)]


def test_many_objects_created_and_freed():
    for i in range(500):
        c = _case(f"BU-{i}")
        if i % 2:
            c.close()
        ctx = ek.Context()
        cal = ctx.calendar
        del ctx
        assert cal.roll("2025-12-24") == D(2025, 12, 29)
    gc.collect()


def test_finalizer_after_explicit_close_does_not_double_free():
    c = _case()
    c.close()
    c.__del__()
    c.__del__()
    ctx = ek.Context()
    cal = ctx.calendar
    ctx.close()
    cal.__del__()
    ctx.__del__()
