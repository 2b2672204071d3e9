"""pytest configuration: the package under test comes from PYTHONPATH (the
build tree under `meson test`) or from the installed package."""
import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("EK_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture
def tool() -> str:
    """Path of the egenkontroll command-line tool."""
    t = os.environ.get("EK_TOOL")
    if not t:
        pytest.skip("EK_TOOL not set")
    return t
