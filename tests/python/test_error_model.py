"""One error model (issue 19, point 3): an error's place lives in its fields (source, line, column,
record_id, field), its message holds only the description, and str(exception) -- made by the
library's ek_error_format() -- names the place, the case id and the field exactly once, in Swedish
and in English.  (Before, the place was formatted into the message and cut out again by looking
for the English " (case ", so a Swedish message carried it twice.)"""
import os
import subprocess
import sys
import textwrap

import pytest

import egenkontroll as ek

BAD = ('{"format": "egenkontroll/case-1", "id": "E-1", "events": [{"type": "utredning_forlangd", '
       '"date": "2026-01-10"}]}\n'
       '{"format": "egenkontroll/case-1", "id": "OK-1", "events": [{"type": "anmalan_mottagen", '
       '"date": "2026-01-05"}]}\n'
       '{"format": "egenkontroll/case-1", "id": "E-3", "events": [{"type": "utredning_avslutad", '
       '"date": "2026-01-10", "utfall": "kanske"}]}\n')


def test_exception_fields_and_display_name_the_place_once(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(BAD, encoding="utf-8")
    with pytest.raises(ek.EgenkontrollError) as e:
        next(ek.read_cases(p))
    err = e.value
    assert (err.line, err.column, err.record_id, err.field) == (1, 59, "E-1", "events[0].ny_slutdag")
    assert err.source.endswith("bad.jsonl")
    # the message is the description only; the display string adds the place once
    for part in ("E-1", "events[0].ny_slutdag", "bad.jsonl"):
        assert part not in err.message, err.message
        assert str(err).count(part) == 1, str(err)
    assert str(err).startswith(f"{err.source}:1:59: {err.message}")
    assert str(err) == ek.format_error(err)
    # collected errors carry the same fields and display
    got = list(ek.read_cases(p, errors="collect"))
    assert [type(x).__name__ for x in got] == ["CaseError", "Case", "CaseError"]
    ce = got[2]
    assert (ce.line, ce.case_id, ce.field) == (3, "E-3", "events[0].utfall")
    assert "E-3" not in ce.message
    assert str(ce.exception()).count("E-3") == 1


@pytest.mark.parametrize("lang,case,field", [("sv", "ärende", "fält"), ("en", "case", "field")])
def test_display_in_both_languages(tmp_path, lang, case, field):
    build = os.environ.get("EK_BUILD_DIR")
    if not build or not os.path.isdir(os.path.join(build, "po", "sv")):
        pytest.skip("needs the build tree's message catalogues (EK_BUILD_DIR)")
    p = tmp_path / "bad.jsonl"
    p.write_text(BAD, encoding="utf-8")
    code = textwrap.dedent(f"""
        import locale, sys
        locale.setlocale(locale.LC_ALL, "C.UTF-8")
        import egenkontroll as ek
        for x in ek.read_cases({str(p)!r}, errors="collect"):
            if isinstance(x, ek.CaseError):
                print(str(x.exception()))
        try:
            next(ek.read_cases({str(p)!r}))
        except ek.EgenkontrollError as e:
            print(str(e))
    """)
    env = dict(os.environ, LANGUAGE=lang, EK_LOCALEDIR=os.path.join(build, "po"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 3, out
    for line, cid, fld in ((lines[0], "E-1", "events[0].ny_slutdag"), (lines[1], "E-3", "events[0].utfall"),
                           (lines[2], "E-1", "events[0].ny_slutdag")):
        assert line.count(cid) == 1 and line.count(fld) == 1, line
        assert line.count(f"{case} {cid}, {field} {fld}") == 1, line
        assert line.count("bad.jsonl:") == 1, line
