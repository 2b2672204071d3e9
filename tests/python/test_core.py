"""Tests of the package basics: version, errors, policy parameters."""
import egenkontroll
from egenkontroll import _core


def test_version_agrees_with_library():
    assert egenkontroll.__version__ == egenkontroll.library_version()
    major, minor, patch = (int(x) for x in egenkontroll.__version__.split("."))
    assert _core.ek_version() == major * 10000 + minor * 100 + patch


def test_status_names():
    assert _core.ek_status_name(_core.EK_EPARSE) == "EK_EPARSE"
    assert _core.ek_status_name(-4242) == "EK_EUNKNOWN"


def test_exception_hierarchy():
    assert issubclass(egenkontroll.ParseError, egenkontroll.EgenkontrollError)
    assert issubclass(egenkontroll.ParseError, ValueError)
    assert issubclass(egenkontroll.NotFoundError, KeyError)
