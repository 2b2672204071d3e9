"""Reviewers' answers from an Excel worksheet, for reviewers who work in Excel.

    python3 -m egenkontroll.review --from-xlsx granskning.xlsx -o svar.jsonl

The worksheet's first sheet has a header row with (at least) the columns ``id``, ``item``, ``result`` and
``date``, and optionally ``comment``, ``reviewer``, ``checklist`` and ``version`` — the keys of
``egenkontroll/granskning-1`` (docs/formats.md), or the headers ``egenkontroll review --format xlsx`` writes
(Swedish: Ärende, Punkt, Resultat, Datum, Kommentar, Granskare, Checklista, Version; with ``--lang en``:
Case, Item, Result, Date, Comment, Reviewer, Checklist, Version); other columns (unit, title, …) are
ignored, and so are rows without a result.  ``result`` is ``pass``, ``fail`` or ``notapplicable`` (the Swedish words
*uppfylld*, *inte uppfylld* and *ej aktuell* are accepted too); ``date`` a date cell or ``YYYY-MM-DD``.
Each row becomes one granskning-1 line, with its row number as the line for messages.  The C tool reads
granskning-1 only; :class:`egenkontroll.Answers` (``answers=``) reads an ``.xlsx`` through
:func:`read_xlsx` directly.  Reading needs python3-openpyxl.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from typing import Any, Dict, Iterator, List, Optional, Sequence

__all__ = ["read_xlsx", "main"]

_WORDS = {"uppfylld": "pass", "inte uppfylld": "fail", "ej aktuell": "notapplicable", "met": "pass",
          "not met": "fail", "not applicable": "notapplicable"}
_KEYS = ("id", "item", "result", "comment", "reviewer", "date", "checklist", "version")
# The headers of the workbook egenkontroll review --format xlsx writes (tools/review_xlsx.c), Swedish and English.
_HEADERS = {"ärende": "id", "case": "id", "punkt": "item", "resultat": "result", "kommentar": "comment",
            "granskare": "reviewer", "datum": "date", "checklista": "checklist"}


def read_xlsx(path: str) -> Iterator[Dict[str, Any]]:
    """The answers of the worksheet ``path`` as keyword dicts for :meth:`egenkontroll.Answers.add`
    (``case_id``, ``item``, ``result``, ``comment``, ``reviewer``, ``date``, ``checklist``, ``version``,
    ``source``, ``line``).  Raises ``ValueError`` naming the file and row for a header without the required
    columns or a result that is not one of the words."""
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        head = [str(h).strip().lower() if h is not None else "" for h in next(rows, [])]
        head = [_HEADERS.get(h, h) for h in head]
        col = {k: head.index(k) for k in _KEYS if k in head}
        missing = [k for k in ("id", "item", "result", "date") if k not in col]
        if missing:
            raise ValueError(f"{path}:1: the header row lacks the column(s) {', '.join(missing)}")
        for n, row in enumerate(rows, 2):
            def get(k: str) -> Any:
                i = col.get(k)
                return row[i] if i is not None and i < len(row) else None
            res = get("result")
            if res is None or str(res).strip() == "":
                continue
            word = str(res).strip().lower()
            word = _WORDS.get(word, word)
            if word not in ("pass", "fail", "notapplicable"):
                raise ValueError(f"{path}:{n}: result must be pass, fail or notapplicable, not {res!r}")
            day = get("date")
            if isinstance(day, datetime.datetime):
                day = day.date()
            yield {"case_id": str(get("id") or ""), "item": str(get("item") or ""), "result": word,
                   "comment": None if get("comment") is None else str(get("comment")),
                   "reviewer": None if get("reviewer") is None else str(get("reviewer")),
                   "date": day if day not in ("", None) else None,
                   "checklist": None if get("checklist") is None else str(get("checklist")),
                   "version": None if get("version") is None else str(get("version")), "source": path, "line": n}
    finally:
        wb.close()


def main(argv: Optional[Sequence[str]] = None) -> int:
    from .answers import Answers
    ap = argparse.ArgumentParser(prog="python3 -m egenkontroll.review",
                                 description="Save the answers of an xlsx worksheet as egenkontroll/granskning-1.")
    ap.add_argument("--from-xlsx", required=True, metavar="FILE", help="the worksheet (.xlsx)")
    ap.add_argument("-o", "--output", default="-", help="the granskning-1 file (default: standard output)")
    a = ap.parse_args(argv)
    try:
        with Answers.load(a.from_xlsx) as ans:
            text = ans.to_json()
            notes: List[Any] = ans.notes
    except ValueError as e:
        print(f"egenkontroll.review: {e}", file=sys.stderr)
        return 3
    for n in notes:
        print(f"egenkontroll.review: {'warning: ' if n.warning else ''}{n}", file=sys.stderr)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
