#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check the names the public headers give to users (egenkontroll.h, "Names";
docs/HACKING.md, "Names of the public API").

  check-public-names.py HEADER...

Fails (exit 1, one line per problem: file:line: what) when a public header
  - uses a private name (`ek__…` / `EK__…`) outside a comment: a private
    count sentinel or helper that users could come to depend on;
  - declares a function, type, struct/enum tag or parameterless object outside
    the `ek_` namespace, or a macro or enum value outside `EK_` (include
    guards `EGENKONTROLL_…_H` and the export macros aside);
  - has a versioned struct (first member `unsigned int version`) without its
    EK_<NAME>_VERSION, or one that the caller sets up ("Set to … by the
    caller") without its EK_<NAME>_INIT.
"""
import re
import sys

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def strip(text):
    """Blank comments and string literals, keeping line numbers."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"', blank, text, flags=re.S)


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def problems(path, all_macros):
    with open(path, encoding="utf-8") as f:
        raw_text = f.read()
    text = strip(raw_text)
    out = []

    def bad(pos, what):
        out.append(f"{path}:{line_of(text, pos)}: {what}")

    for m in re.finditer(r"\b(?:ek__|EK__)\w*", text):
        bad(m.start(), f"private name {m.group(0)} in a public header")
    for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(" + IDENT + ")", text, flags=re.M):
        name = m.group(1)
        if not (name.startswith("EK_") or re.fullmatch(r"EGENKONTROLL_[A-Z_]*H", name)):
            bad(m.start(1), f"macro {name} outside EK_")
    for m in re.finditer(r"\benum\s*(" + IDENT + r")?\s*\{([^}]*)\}", text):
        if m.group(1) and not m.group(1).startswith("ek_"):
            bad(m.start(1), f"enum tag {m.group(1)} outside ek_")
        for e in re.finditer(r"(?:^|,)\s*(" + IDENT + r")\s*(?==|,|$)", m.group(2)):
            if not e.group(1).startswith("EK_"):
                bad(m.start(2) + e.start(1), f"enum value {e.group(1)} outside EK_")
    # A versioned struct (first member `unsigned int version`) has EK_<NAME>_VERSION, and one the
    # caller hands in ("Set to … by the caller") has EK_<NAME>_INIT: the header promises both.
    for m in re.finditer(r"\btypedef\s+struct\s+(ek_\w+)\s*\{\s*unsigned\s+int\s+version\s*;", text):
        up = m.group(1).upper()
        if up + "_VERSION" not in all_macros:
            bad(m.start(1), f"versioned struct {m.group(1)} without {up}_VERSION")
        first = raw_text[m.end():raw_text.find("\n", m.end())]
        if "by the caller" in first and up + "_INIT" not in all_macros:
            bad(m.start(1), f"struct {m.group(1)} that the caller sets up without {up}_INIT")
    # Below: declarations only (preprocessor lines and {…} bodies blanked).
    text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.M)
    text = re.sub(r"\bextern\s*\{", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)  # extern "C" {
    while True:
        flat = re.sub(r"\{[^{}]*\}", lambda m: "(" + re.sub(r"[^\n]", " ", m.group(0)[1:-1]) + ")", text)
        if flat == text:
            break
        text = flat
    for m in re.finditer(r"\bstruct\s+(" + IDENT + r")", text):
        if not m.group(1).startswith("ek_"):
            bad(m.start(1), f"struct tag {m.group(1)} outside ek_")
    for m in re.finditer(r"\btypedef\b[^;]*?(" + IDENT + r")\s*(?:\)\s*\([^;]*)?;", text):
        # `typedef … name;` and function pointer types `typedef int (*name)(…);`
        decl = m.group(0)
        fp = re.search(r"\(\s*\*\s*(" + IDENT + r")\s*\)", decl)
        name = fp.group(1) if fp else m.group(1)
        if not name.startswith("ek_"):
            bad(m.start(), f"type {name} outside ek_")
    for m in re.finditer(r"\bEK_API\b[^;{(]*?(" + IDENT + r")\s*[;(\[]", text):
        if not m.group(1).startswith("ek_"):
            bad(m.start(1), f"exported {m.group(1)} outside ek_")
    return out


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    macros = set()
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            macros.update(re.findall(r"^[ \t]*#[ \t]*define[ \t]+(" + IDENT + ")", strip(f.read()), flags=re.M))
    found = [p for path in argv[1:] for p in problems(path, macros)]
    for p in found:
        print(p)
    if found:
        print(f"check-public-names: {len(found)} problem(s) in the public headers")
        return 1
    print(f"check-public-names: {len(argv) - 1} public headers use public names only")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
