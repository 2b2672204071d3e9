"""Reviewers' answers kept apart from the case export (``egenkontroll/granskning-1``).

>>> import egenkontroll as ek
>>> ans = ek.Answers.from_json('{"format": "egenkontroll/granskning-1", "id": "BU-1", "item": "B4", '
...                            '"result": "pass", "comment": "", "reviewer": "kvalitetscontroller", '
...                            '"date": "2026-02-01"}\\n')
>>> [(a.case_id, a.item, a.result) for a in ans.records]
[('BU-1', 'B4', 'pass')]

An :class:`Answers` set is read from granskning-1 files (one answer a line,
docs/formats.md) or from the xlsx worksheet of ``egenkontroll review`` (with
python3-openpyxl), and merged by :func:`egenkontroll.check`,
:func:`egenkontroll.report.build_report` and ``python3 -m egenkontroll.html``
(``answers=``) with the answers written in the cases: for one case and item
the later date counts; a conflict, an answer for a case id no case has and one
for an item the checklist lacks are listed in :attr:`Answers.notes` (file and
line) and the other answers still count.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Union

from . import _core
from ._errors import check as _checked, format_error
from ._handle import Handle
from .calendar import DateLike, _from_ek, _to_ek

__all__ = ["Answers", "AnswerRecord", "AnswerNote", "load_answers"]

_NONE = -(2 ** 63)
PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class AnswerRecord:
    """One answer of a set."""
    case_id: str
    item: str
    result: str                      # "pass", "fail" or "notapplicable"
    comment: Optional[str]
    reviewer: Optional[str]          # a role, never a name
    date: Optional[datetime.date]
    checklist: Optional[str]
    version: Optional[str]
    source: Optional[str]            # the file it came from
    line: int                        # its line there (0: not from a file)
    visits: int                      # how many cases with this id were seen


@dataclass(frozen=True)
class AnswerNote:
    """A conflict (``warning`` True: one answer still counts) or an error (a rejected line, an unknown case id or
    item: that answer counts for nothing)."""
    warning: bool
    message: str                     # the description; the place is in the fields (str(note) shows both)
    source: Optional[str]
    line: int
    column: int
    case_id: Optional[str]
    field: Optional[str]

    def __str__(self) -> str:
        """The display string (:func:`~egenkontroll.format_error`): "file:line: … (case ID, field F)"."""
        return format_error(self)


class Answers(Handle):
    """An answer set (owns a C ``ek_answers``).  Build with :meth:`load`, :meth:`from_json` or :meth:`add`."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(_checked(_core.ek_answers_new()), _core.ek_answers_free)

    @classmethod
    def load(cls, *paths: PathLike) -> "Answers":
        """Read granskning-1 files (``.jsonl``) and xlsx worksheets (``.xlsx``, by
        :func:`egenkontroll.review.read_xlsx`).  Rejected lines become :attr:`notes`; a file that cannot be
        opened raises."""
        a = cls()
        try:
            for p in paths:
                a.read(p)
        except BaseException:
            a.close()
            raise
        return a

    @classmethod
    def from_json(cls, text: str, name: str = "<string>") -> "Answers":
        """Read granskning-1 JSON Lines from a string."""
        a = cls()
        _checked(_core.ek_answers_read_json_string(a._handle, text, name))
        return a

    def read(self, path: PathLike) -> int:
        """Add the answers of one file; returns the number of lines rejected (see :attr:`notes`)."""
        p = os.fspath(path)
        if p.lower().endswith(".xlsx"):
            from .review import read_xlsx
            for row in read_xlsx(p):
                self.add(**row)
            return 0
        return int(_checked(_core.ek_answers_read_json(self._handle, p)))

    def add(self, case_id: str, item: str, result: str, comment: Optional[str] = None,
            reviewer: Optional[str] = None, date: Optional[DateLike] = None, checklist: Optional[str] = None,
            version: Optional[str] = None, source: Optional[str] = None, line: int = 0) -> None:
        """Add one answer (a second one for the same case and item: the later date counts, a conflict is noted)."""
        _checked(_core.ek_py_answers_add(self._handle, case_id, item, result, comment, reviewer,
                                         _to_ek(date) if date is not None else _NONE, checklist, version,
                                         source, int(line)))

    @property
    def records(self) -> List[AnswerRecord]:
        """The answers kept (one per case and item), in the order first added."""
        h = self._handle
        out = []
        for k in range(_core.ek_answers_count(h)):
            cid, item, res, com, rev, d, cl, ver, src, line, visits = _core.ek_py_answers_get(h, k)
            out.append(AnswerRecord(cid, item, res, com, rev, None if d == _NONE else _from_ek(d), cl, ver, src,
                                    int(line), int(visits)))
        return out

    def __len__(self) -> int:
        return int(_core.ek_answers_count(self._handle))

    @property
    def notes(self) -> List[AnswerNote]:
        """Conflicts, rejected lines and unknown case ids or items, in the order found."""
        h = self._handle
        out = []
        for k in range(_core.ek_answers_note_count(h)):
            st, msg, src, line, col, cid, field = _core.ek_py_answers_note(h, k)
            out.append(AnswerNote(st == _core.EK_ECONFLICT, msg or "", src or None, int(line), int(col), cid or None,
                                  field or None))
        return out

    @property
    def errors(self) -> List[AnswerNote]:
        """The notes that are errors (answers that count for nothing)."""
        return [n for n in self.notes if not n.warning]

    def visit(self, case: Any) -> int:
        """Mark a case as seen (conflicts with its own answers are noted); returns the set's answers for it."""
        return int(_checked(_core.ek_answers_visit(self._handle, case._handle)))

    def check(self, checklist: Any = None) -> int:
        """Note every answer whose case id was never visited or whose item ``checklist`` lacks; returns how many
        answers are unknown."""
        cl = checklist._handle if checklist is not None else None
        return int(_checked(_core.ek_answers_check(self._handle, cl)))

    def to_json(self) -> str:
        """The answers as granskning-1 JSON Lines."""
        return _checked(_core.ek_answers_write_json(self._handle)) or ""


def load_answers(answers: Any) -> Optional[Answers]:
    """``answers=`` of the API: None, an :class:`Answers`, a path, or an iterable of paths → an :class:`Answers`
    (a new one, owned by the caller, unless one was given)."""
    if answers is None or isinstance(answers, Answers):
        return answers
    if isinstance(answers, (str, bytes, os.PathLike)):
        return Answers.load(answers)  # type: ignore[arg-type]
    paths: Iterable[Any] = answers
    return Answers.load(*paths)
