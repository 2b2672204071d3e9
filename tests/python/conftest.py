"""pytest configuration: the package under test comes from PYTHONPATH (the
build tree under `meson test`) or from the installed package."""
import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("EK_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


def find_tool() -> str:
    """The egenkontroll command under test: $EK_TOOL; else the one installed next to this Python (a pip
    install into a virtual environment puts it in the same bin/); else one on PATH; else the build
    tree's ($EK_BUILD_DIR, default build/, tools/egenkontroll).  Returns "" when there is none."""
    import shutil
    import sys
    t = os.environ.get("EK_TOOL")
    if t:
        return os.path.abspath(t)
    here = pathlib.Path(sys.executable).parent / "egenkontroll"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    on_path = shutil.which("egenkontroll")
    if on_path:
        return on_path
    built = pathlib.Path(os.environ.get("EK_BUILD_DIR", SOURCE_DIR / "build")) / "tools" / "egenkontroll"
    return str(built.resolve()) if built.is_file() else ""


@pytest.fixture
def tool() -> str:
    """Path of the egenkontroll command-line tool (see find_tool)."""
    t = find_tool()
    if not t:
        pytest.skip("no egenkontroll command (set EK_TOOL)")
    return t
