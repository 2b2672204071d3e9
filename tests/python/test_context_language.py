"""The language of the library's messages is a property of the Context (issue 19, point 2):
``Context(lang="sv"|"en")`` gives messages in that language for every call made with it, per
context and per thread, whatever the process's locale, LANGUAGE or LANG say."""
import datetime
import json
import os
import subprocess
import sys
import threading

import pytest

import egenkontroll as ek

D = datetime.date
AS_OF = D(2025, 9, 1)
SRC = os.environ.get("EK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
REPORT_CASES = os.path.join(SRC, "tests", "data", "report", "cases.jsonl")

SV = "anmälaren är inte angiven: antas vara anmälningsskyldig"
EN = "the reporter is not recorded: assumed to have a duty to report"


def _case(i=0):
    c = ek.Case(f"L-{i}")
    c.add_event("anmalan_mottagen", D(2025, 3, 3), id="r1")
    c.add_event("beslut_inleda_utredning", D(2025, 3, 12), ref="r1")
    c.add_event("utredning_inledd", D(2025, 3, 12))
    c.add_event("aterkoppling_begard", D(2025, 3, 20), ref="r1")
    return c


def _messages(ctx, case):
    """Everything the library says about ``case`` with ``ctx``: obligation messages and
    explanations, checklist item messages, a calendar name."""
    obl = ek.evaluate(case, AS_OF, context=ctx, explain=True)
    res = ek.check(case, AS_OF, context=ctx)
    return (tuple((o.message, json.dumps(o.explain, sort_keys=True)) for o in obl),
            tuple(i.message for i in res.results), ctx.calendar.day_name(D(2026, 6, 19)))


def test_lang_option_and_property():
    assert ek.Context().lang is None
    ctx = ek.Context(lang="en")
    assert ctx.lang == "en"
    ctx.lang = "sv"
    assert ctx.lang == "sv"
    assert "lang='sv'" in repr(ctx)
    ctx.lang = None
    assert ctx.lang is None


def test_unknown_language_is_invalid():
    with pytest.raises(ek.InvalidArgumentError, match='"de"') as exc:
        ek.Context(lang="de")
    assert isinstance(exc.value, ValueError)
    ctx = ek.Context(lang="en")
    with pytest.raises(ek.InvalidArgumentError, match="sv, en"):
        ctx.lang = "sv_SE"
    assert ctx.lang == "en"  # unchanged
    with pytest.raises(TypeError):
        ctx.lang = 1
    with pytest.raises(ek.InvalidArgumentError):
        ek.default_context().lang = "en"


def test_messages_follow_the_context():
    c = _case()
    sv, en = _messages(ek.Context(lang="sv"), c), _messages(ek.Context(lang="en"), c)
    assert any(SV in m for m, _ in sv[0]) and any(EN in m for m, _ in en[0])
    assert sv[2] == "midsommarafton" and en[2] == "Midsummer Eve"
    assert sv[1] != en[1]


def test_two_threads_two_languages():
    """A Swedish and an English context evaluating the same cases at the same time each get
    their own language: the results equal a serial run in that language."""
    cases = [_case(i) for i in range(20)]
    ctxs = {"sv": ek.Context(lang="sv"), "en": ek.Context(lang="en")}
    want = {lang: [_messages(ctx, c) for c in cases] for lang, ctx in ctxs.items()}
    assert want["sv"] != want["en"]
    barrier = threading.Barrier(2)
    got, errors = {}, []

    def work(lang):
        try:
            barrier.wait()
            got[lang] = [[_messages(ctxs[lang], c) for c in cases] for _ in range(5)]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(lang,)) for lang in ctxs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for lang in ctxs:
        assert all(run == want[lang] for run in got[lang]), lang


_REPORT = """
import sys, egenkontroll as ek
ctx = ek.Context(lang=sys.argv[2])
with ek.build_report(sys.argv[1], context=ctx, as_of="2025-06-01") as rep:
    sys.stdout.write(rep.to_json())
"""


@pytest.mark.parametrize("lang,rejected", [("en", "is not a valid date"), ("sv", "är inte ett giltigt datum")])
def test_report_json_does_not_depend_on_the_environment(lang, rejected):
    base = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    out = []
    for env in ({"LANGUAGE": "sv", "LANG": "sv_SE.UTF-8", "LC_ALL": "C.UTF-8"},
                {"LANGUAGE": "en", "LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"},
                {"LC_ALL": "C"}):
        p = subprocess.run([sys.executable, "-c", _REPORT, REPORT_CASES, lang], capture_output=True, text=True,
                           env={**base, **env}, check=True)
        out.append(p.stdout)
    assert out[0] == out[1] == out[2]
    data = json.loads(out[0])
    assert rejected in json.dumps(data, ensure_ascii=False)


def test_error_keeps_the_language_it_was_written_in():
    """Issue 19: an error of a call made with a Swedish context records its language, and its display
    string -- made again later from its parts (format_error), on another thread -- has the Swedish
    connecting words, as its message; an English context's has the English ones."""
    from egenkontroll import sarah
    r = sarah.Record.new("LS-K", "missforhallande", D(2025, 9, 1))
    raised = {}
    for lang in ("sv", "en"):
        with ek.Context(lang=lang) as ctx:
            with pytest.raises(ek.OutOfRangeError) as exc:
                r.evaluate(as_of=D(9999, 12, 31), context=ctx)
        raised[lang] = exc.value
    assert (raised["sv"].language, raised["en"].language) == ("sv", "en")
    shown = {}
    t = threading.Thread(target=lambda: shown.update({k: ek.format_error(e) for k, e in raised.items()}))
    t.start()
    t.join()
    assert shown["sv"].endswith(" (ärende LS-K)"), shown["sv"]
    assert shown["en"].endswith(" (case LS-K)"), shown["en"]
    assert shown["sv"] == str(raised["sv"]) and shown["en"] == str(raised["en"])
    # without a context: the process's language, recorded as ""
    with pytest.raises(ek.EgenkontrollError) as exc:
        r.evaluate(as_of=D(9999, 12, 31))
    assert exc.value.language == ""
