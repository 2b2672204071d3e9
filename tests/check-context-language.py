#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Every public library function that takes a context (or a report, which holds one) makes the
context's language current for the call (lib/i18n.h, docs/HACKING.md "Messages and translations"):
its body starts with EK__CONTEXT_LANG(ctx); or EK__REPORT_LANG(r);.  A function that forgets it
would answer in the process's language instead of the context's.

    check-context-language.py SOURCE_DIR
"""
import pathlib
import re
import sys

# A public definition returning int, at the start of a line: name, parameters, then the body's first line.
DEF = re.compile(r"^int (ek_[a-z0-9][a-z0-9_]*)\(([^)]*)\)\n\{\n([^\n]*)\n", re.M)
# Functions of the context itself (context.c) set the scope from the context's own field.
EXEMPT = {"ek_context_new", "ek_context_set_log", "ek_context_set_strict", "ek_context_set_language"}


def main(src: str) -> int:
    bad, seen = [], 0
    for path in sorted(pathlib.Path(src, "lib").rglob("*.c")):
        text = path.read_text(encoding="utf-8")
        for m in DEF.finditer(text):
            name, params, first = m.group(1), " ".join(m.group(2).split()), m.group(3).strip()
            if name in EXEMPT:
                continue
            ctx = re.search(r"\bek_context \*(\w+)", params)
            rep = re.search(r"\bek_report \*(\w+)", params)
            if ctx:
                want = f"EK__CONTEXT_LANG({ctx.group(1)});"
            elif rep:
                want = f"EK__REPORT_LANG({rep.group(1)});"
            else:
                continue
            seen += 1
            if first != want:
                line = text.count("\n", 0, m.start()) + 1
                bad.append(f"{path.relative_to(src)}:{line}: {name}() must start with {want}")
    for b in bad:
        print(b, file=sys.stderr)
    if seen < 20:
        print(f"only {seen} functions with a context found: the pattern no longer matches the sources",
              file=sys.stderr)
        return 1
    print(f"{seen} functions with a context or report checked")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
