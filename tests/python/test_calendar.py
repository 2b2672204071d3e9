"""The calendar module from Python: scalars, batches over NumPy arrays, and an
independent check against python3-holidays for every supported year."""
import datetime
import threading

import numpy as np
import pytest

import egenkontroll as ek
from egenkontroll import calendar as ekcal

D = datetime.date


@pytest.fixture(scope="module")
def cal():
    with ek.Calendar() as c:
        yield c


# ---- hand-checked examples (DOMAIN.md §3) ---------------------------------

HAND_CHECKED = [
    ("2025-12-17", "14d", "2025-12-31", "2026-01-02"),
    ("2026-06-05", "14d", "2026-06-19", "2026-06-22"),
    ("2026-12-10", "14d", "2026-12-24", "2026-12-28"),
    ("2025-10-31", "4m", "2026-02-28", "2026-03-02"),
    ("2026-08-31", "4m", "2026-12-31", "2027-01-04"),
    ("2026-02-20", "4m", "2026-06-20", "2026-06-22"),
]


@pytest.mark.parametrize("start,period,nominal,legal", HAND_CHECKED)
def test_hand_checked(cal, start, period, nominal, legal):
    dl = cal.deadline(D.fromisoformat(start), period)
    assert dl == ek.Deadline(D.fromisoformat(start), D.fromisoformat(nominal), D.fromisoformat(legal))


def test_hand_checked_batch(cal):
    starts = np.array([h[0] for h in HAND_CHECKED[:3]], dtype="datetime64[D]")
    nominal, legal = cal.deadline_many(starts, "14d")
    assert nominal.tolist() == [D.fromisoformat(h[2]) for h in HAND_CHECKED[:3]]
    assert legal.tolist() == [D.fromisoformat(h[3]) for h in HAND_CHECKED[:3]]
    starts = np.array([h[0] for h in HAND_CHECKED[3:]], dtype="datetime64[D]")
    nominal, legal = cal.deadline_many(starts, ek.Period(4, "m"))
    assert legal.tolist() == [D.fromisoformat(h[3]) for h in HAND_CHECKED[3:]]


# ---- scalar API -----------------------------------------------------------

def test_dates_and_periods():
    assert ek.parse_date("2024-02-29") == D(2024, 2, 29)
    assert ek.format_date(D(1953, 1, 1)) == "1953-01-01"
    assert ekcal.DATE_MIN == D(1953, 1, 1) and ekcal.DATE_MAX == D(2199, 12, 31)
    assert ek.parse_period("10wd") == ek.Period(10, "wd")
    assert str(ek.parse_period("4m")) == "4m"
    assert ek.format_period("2y") == "2y"
    with pytest.raises(ek.InvalidArgumentError, match='"2026-02-29"'):
        ek.parse_date("2026-02-29")
    with pytest.raises(ek.ParseError, match="trailing characters at position 11"):  # not the text (issue 18)
        ek.parse_date("2026-01-01x")
    with pytest.raises(ek.OutOfRangeError, match="1952-12-31"):
        ek.parse_date("1952-12-31")
    with pytest.raises(ek.ParseError, match='"4x"'):
        ek.parse_period("4x")
    with pytest.raises(ValueError):   # every library error is also a ValueError here
        ek.parse_period("")


def test_scalar_methods(cal):
    assert cal.roll(D(2026, 12, 24)) == D(2026, 12, 28)
    assert cal.roll("2026-12-28") == D(2026, 12, 28)
    assert cal.add_working_days(D(2026, 12, 25), 1) == D(2026, 12, 28)
    assert cal.add_working_days(D(2026, 6, 20), 0) == D(2026, 6, 20)
    assert cal.is_working_day(D(2026, 1, 5))          # trettondedagsafton does not roll
    assert not cal.is_working_day(D(2026, 6, 19))     # midsommarafton does
    assert cal.day_name(D(2004, 5, 31)) == "annandag pingst"
    assert cal.day_name(D(2005, 5, 16)) is None
    assert cal.day_name(D(2005, 6, 6)) == "nationaldagen"
    assert cal.day_name(D(2026, 3, 14)) is None
    assert cal.day_flags(D(2026, 4, 5)) == ekcal.DAY_SUNDAY | ekcal.DAY_HOLIDAY | ekcal.DAY_NONWORKING
    days = cal.named_days(2026)
    assert len(days) == 16
    assert days[9] == ek.NamedDay(D(2026, 6, 19), "eve", "midsommarafton")
    assert [d.date for d in days] == sorted(d.date for d in days)
    assert cal.deadline(D(2024, 2, 29), "1y").nominal == D(2025, 2, 28)
    assert cal.deadline(D(2024, 1, 31), "1m").nominal == D(2024, 2, 29)
    assert cal.deadline(datetime.datetime(2026, 1, 1, 12, 0), "1w").nominal == D(2026, 1, 8)


def test_range_ends(cal):
    with pytest.raises(ek.OutOfRangeError, match="2199-12-31"):
        cal.roll(D(2199, 12, 31))
    with pytest.raises(ek.OutOfRangeError):
        cal.roll(D(1952, 12, 31))
    with pytest.raises(ek.OutOfRangeError):
        cal.deadline(D(2199, 12, 1), "1m")
    with pytest.raises(ek.OutOfRangeError):
        cal.named_days(2200)
    with pytest.raises(ek.InvalidArgumentError):
        cal.add_working_days(D(2026, 1, 1), -1)
    with pytest.raises(TypeError):
        cal.roll(20000)


# ---- Lag (1930:173) 2 § in the wording in force on the day -------------------
# SFS 1961:70 (from 1961-06-01): Saturdays in June-September, påskafton, midsommarafton, julafton;
# SFS 1965:127 (in force on 1974-10-25, prop. 1974:147): every Saturday, midsommarafton, julafton;
# SFS 1974:756: adds nyårsafton.  Where the wordings that may be in force disagree: refused.

def test_wordings_1930_173(cal):
    assert cal.is_working_day("1970-12-31")                       # nyårsafton, 1961:70 / 1965:127
    assert cal.day_name("1970-12-31") is None
    assert cal.roll("1970-12-31") == D(1970, 12, 31)
    assert not cal.is_working_day("1975-12-31")                   # nyårsafton, 1974:756
    assert cal.day_name("1975-12-31") == "nyårsafton"
    assert cal.deadline("1975-12-17", "14d").legal == D(1976, 1, 2)
    assert cal.roll("1965-07-03") == D(1965, 7, 5)                # a Saturday in July: both wordings
    with pytest.raises(ek.OutOfRangeError, match="1965-05-08.*1965:127"):
        cal.roll("1965-05-08")                                    # a Saturday in May: 1961:70 or 1965:127
    with pytest.raises(ek.OutOfRangeError, match="1965-05-08"):
        cal.is_working_day("1965-05-08")
    assert cal.day_flags("1965-05-08") == ekcal.DAY_SATURDAY | ekcal.DAY_UNVERIFIED
    with pytest.raises(ek.OutOfRangeError, match="1974:756"):
        cal.roll("1974-12-31")
    with pytest.raises(ek.OutOfRangeError, match="1961:70"):
        cal.roll("1961-05-27")                                    # before 1961-06-01
    assert cal.roll("1955-03-06") == D(1955, 3, 7)                # a Sunday: every wording
    assert cal.day_name("1965-04-17") == "påskafton"
    assert cal.day_flags("1965-04-17") == ekcal.DAY_SATURDAY | ekcal.DAY_EVE | ekcal.DAY_NONWORKING
    assert cal.day_name("1980-04-05") is None
    assert ek.NamedDay(D(1965, 4, 17), "eve", "påskafton") in cal.named_days(1965)
    assert all(d.date != D(1970, 12, 31) for d in cal.named_days(1970))
    got = cal.roll_many(np.array(["1965-05-08", "1965-07-03"], dtype="datetime64[D]"), errors="nat")
    assert np.isnat(got[0]) and got[1] == np.datetime64("1965-07-05")


def test_roll_explain(cal):
    days = cal.roll_explain("2026-12-24")
    assert [(d.date, d.name) for d in days] == [
        (D(2026, 12, 24), "julafton"), (D(2026, 12, 25), "juldagen"),
        (D(2026, 12, 26), "annandag jul"), (D(2026, 12, 27), "söndag")]
    assert all("1930:173" in d.basis and "1974:756" in d.basis for d in days)
    assert days[0].flags == cal.day_flags("2026-12-24")
    assert [d.name for d in cal.roll_explain("2026-03-14")] == ["lördag", "söndag"]
    assert cal.roll_explain("2026-12-28") == []
    assert "1961:70" in cal.roll_explain("1965-04-17")[0].basis
    with pytest.raises(ek.OutOfRangeError, match="1965-05-08"):
        cal.roll_explain("1965-05-08")
    with pytest.raises(ek.OutOfRangeError):
        cal.roll_explain("2199-12-31")


def test_closed_calendar():
    c = ek.Calendar()
    c.close()
    c.close()
    with pytest.raises(ValueError, match="closed"):
        c.roll(D(2026, 1, 1))


# ---- an independent implementation: python3-holidays ----------------------

# python-holidays names -> ours.  It lists midsommarafton, julafton and nyårsafton as holidays
# in every year; which eves 1930:173 2 § names depends on its wording in force (above), which
# python-holidays does not model: from 1975 (SFS 1974:756) the two agree exactly; before, the eves
# of python-holidays are compared with the wording table below, and only the allmänna helgdagar
# (1989:253 names, 1953-2199) are compared with python-holidays for every day.
_NAMES = {"sveriges nationaldag": "nationaldagen"}
_EVES = {"midsommarafton", "julafton", "nyårsafton"}
_WORDING_1974 = D(1975, 1, 1)   # nyårsafton 1974 is open: the day SFS 1974:756 entered into force is not read
# Known disagreement: python-holidays (0.10.1) keeps Jungfru Marie bebådelsedag
# (25 March) as a holiday in 1953, but the 1953 reform that moved midsommardagen
# and alla helgons dag to Saturdays also moved it to a Sunday; the spec's rules
# (DOMAIN.md §3) hold from 1953, so 1953-03-25 (a Wednesday) is a working day.
_KNOWN_DIFFERENCES = {D(1953, 3, 25)}


def test_against_python_holidays_every_year(cal):
    holidays = pytest.importorskip("holidays")
    try:
        reference = holidays.Sweden(include_sundays=False, years=range(1953, 2200))
    except TypeError:   # an old python-holidays: filter the Sundays out instead
        reference = holidays.Sweden(years=range(1953, 2200))
    ref = {}
    for day, names in sorted(reference.items()):
        names = {n.strip().lower() for n in names.split(",")} - {"söndag"}
        names = {_NAMES.get(n, n) for n in names}
        if names and day not in _KNOWN_DIFFERENCES:
            ref[day] = names
    assert D(1953, 3, 25) in reference, "python-holidays changed; review _KNOWN_DIFFERENCES"
    assert not cal.is_working_day("1953-06-20")   # but the 1953 midsommar rule agrees

    checked = unverified = 0
    day = ekcal.DATE_MIN
    one = datetime.timedelta(days=1)
    while day <= ekcal.DATE_MAX:
        flags = cal.day_flags(day)
        names = ref.get(day, set())
        holidays_ = names - _EVES
        # allmänna helgdagar: every day of the range
        assert bool(flags & ekcal.DAY_HOLIDAY) == bool(holidays_), day
        if day >= _WORDING_1974:
            want_nonworking = day.weekday() >= 5 or bool(names)
            assert bool(flags & ekcal.DAY_NONWORKING) == want_nonworking, day
            assert cal.is_working_day(day) == (not want_nonworking), day
            assert bool(flags & ekcal.DAY_EVE) == bool(names & _EVES), day
            ours = {d.name.lower() for d in cal.named_days(day.year) if d.date == day} if names else set()
            assert ours == names, (day, ours, names)
        else:
            # the wording in force before 1975 (see test_wordings_1930_173 and docs/rules.md)
            sat, sun = day.weekday() == 5, day.weekday() == 6
            if sun or holidays_:
                want = "roll"
            elif day < D(1961, 6, 1):
                want = "open" if sat or names & _EVES or day == _easter(day.year) - one else "work"
            else:
                eves_named = {"midsommarafton", "julafton"} | ({"påskafton"} if day < D(1974, 10, 25) else set())
                is_eve = bool(names & eves_named) or (day < D(1974, 10, 25) and day == _easter(day.year) - one)
                if is_eve or (sat and 6 <= day.month <= 9):
                    want = "roll"
                elif sat or day == D(1974, 12, 31):
                    want = "open" if day < D(1974, 10, 25) or day == D(1974, 12, 31) else "roll"
                else:
                    want = "work"
            got = ("open" if flags & ekcal.DAY_UNVERIFIED else
                   "roll" if flags & ekcal.DAY_NONWORKING else "work")
            assert got == want, (day, got, want)
            unverified += got == "open"
        checked += 1
        day += one
    assert checked == 90215
    assert unverified > 0


def _easter(year):
    """Gregorian Easter Sunday (Meeus/Jones/Butcher), independent of the library."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return D(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def test_named_days_match_python_holidays(cal):
    holidays = pytest.importorskip("holidays")
    # before 1975 the eves follow the wording of 1930:173 2 § then in force (test above): holidays only
    for year in (1953, 1965, 1970, 1999, 2004, 2005, 2008, 2026, 2049, 2100, 2199):
        ref = holidays.Sweden(include_sundays=False, years=year)
        ours = {}
        for d in cal.named_days(year):
            if d.kind == "holiday" or year >= 1975:
                ours.setdefault(d.date, set()).add(_NAMES.get(d.name.lower(), d.name.lower()))
        theirs = {}
        for day, names in ref.items():
            if day in _KNOWN_DIFFERENCES:
                continue
            names = {_NAMES.get(n.strip().lower(), n.strip().lower()) for n in names.split(",")}
            names = names if year >= 1975 else names - _EVES
            if names:
                theirs.setdefault(day, set()).update(names)
        assert ours == theirs, year


# ---- batches --------------------------------------------------------------

@pytest.fixture(scope="module")
def random_dates():
    rng = np.random.default_rng(20260101)
    lo, hi = ek.format_date(ekcal.DATE_MIN), "2197-06-30"   # + 2y still rolls inside the range
    n = np.datetime64(hi) - np.datetime64(lo)
    return np.datetime64(lo) + rng.integers(0, n.astype(int), size=3000).astype("timedelta64[D]")


def _or_none(f, *args):
    """f(*args), or None where the library refuses it (a day whose 1930:173 2 § wording is not verified)."""
    try:
        return f(*args)
    except ek.OutOfRangeError:
        return None


def test_batch_equals_scalar(cal, random_dates):
    rolled = cal.roll_many(random_dates, errors="nat")
    assert rolled.dtype == np.dtype("datetime64[D]")
    plus10 = cal.add_working_days_many(random_dates, 10, errors="nat")
    for period in ("14d", "1w", "4m", "2y", "10wd", "0d"):
        nominal, legal = cal.deadline_many(random_dates, period, errors="nat")
        for i in range(0, len(random_dates), 7):
            dl = _or_none(cal.deadline, random_dates[i].item(), period)
            if dl is None:
                assert np.isnat(legal[i]), random_dates[i]
            else:
                assert (nominal[i].item(), legal[i].item()) == (dl.nominal, dl.legal)
    refused = 0
    for i, d in enumerate(random_dates.tolist()):
        assert rolled[i].item() == _or_none(cal.roll, d)   # NaT reads as None
        assert plus10[i].item() == _or_none(cal.add_working_days, d, 10)
        refused += rolled[i].item() is None
    assert 0 < refused < len(random_dates) // 10   # refusals exist, and only before 1975


def test_batch_shapes_inputs_and_errors(cal):
    grid = np.array([["2026-12-24", "2026-12-25"], ["2026-06-19", "2026-06-22"]], dtype="datetime64[D]")
    out = cal.roll_many(grid)
    assert out.shape == (2, 2)
    assert out.tolist() == [[D(2026, 12, 28)] * 2, [D(2026, 6, 22)] * 2]
    # other inputs: lists of dates, strings, datetime64[ns], non-contiguous views
    assert cal.roll_many([D(2026, 12, 24), "2026-06-19"]).tolist() == [D(2026, 12, 28), D(2026, 6, 22)]
    ns = np.array(["2026-12-24T13:00"], dtype="datetime64[ns]")
    assert cal.roll_many(ns).tolist() == [D(2026, 12, 28)]
    assert cal.roll_many(grid[:, 0]).tolist() == [D(2026, 12, 28), D(2026, 6, 22)]
    assert cal.roll_many(np.array([], dtype="datetime64[D]")).size == 0
    # NaT and out of range: raise by default, NaT on request
    bad = np.array(["2026-12-24", "NaT", "1952-12-31", "2199-12-31"], dtype="datetime64[D]")
    with pytest.raises(ek.OutOfRangeError, match="element 1"):
        cal.roll_many(bad)
    got = cal.roll_many(bad, errors="nat")
    assert got[0] == np.datetime64("2026-12-28") and np.isnat(got[1:]).all()
    nominal, legal = cal.deadline_many(np.array(["2199-12-30"], dtype="datetime64[D]"), "1d", errors="nat")
    assert nominal[0] == np.datetime64("2199-12-31") and np.isnat(legal[0])   # only the roll-over fails
    assert np.isnat(cal.add_working_days_many(bad, 1, errors="nat")[1:]).all()
    with pytest.raises(ValueError):
        cal.roll_many(bad, errors="ignore")


def test_core_buffer_typemap(cal):
    core = ek._core
    out = np.zeros(2, dtype=np.int64)
    src = np.array([20446, 20447], dtype=np.int64)   # 2025-12-24, 2025-12-25
    assert core.ek_calendar_roll_batch(cal._handle, src, out) == 0
    assert out.tolist() == [20451, 20451]
    with pytest.raises(TypeError, match="int64"):
        core.ek_calendar_roll_batch(cal._handle, src.astype(np.int32), out)
    with pytest.raises(TypeError):
        core.ek_calendar_roll_batch(cal._handle, src, np.zeros(2, dtype=np.float64))
    with pytest.raises(TypeError, match="writable"):
        ro = np.zeros(2, dtype=np.int64)
        ro.flags.writeable = False
        core.ek_calendar_roll_batch(cal._handle, src, ro)
    with pytest.raises(ValueError, match="elements"):
        core.ek_calendar_roll_batch(cal._handle, src, np.zeros(3, dtype=np.int64))
    with pytest.raises(TypeError):
        core.ek_calendar_roll_batch(cal._handle, np.zeros((2, 2), dtype=np.int64)[:, 0], out)   # not contiguous
    import array
    a = array.array("q", [0, 0])
    assert core.ek_calendar_roll_batch(cal._handle, array.array("q", [20446, 20447]), a) == 0
    assert list(a) == [20451, 20451]
    # in place
    inplace = src.copy()
    assert core.ek_calendar_roll_batch(cal._handle, inplace, inplace) == 0
    assert inplace.tolist() == [20451, 20451]
    nominal = np.zeros(2, dtype=np.int64)
    assert core.ek_deadline_compute_batch(cal._handle, src, (14, core.EK_UNIT_DAYS), None, out) == 0
    assert core.ek_deadline_compute_batch(cal._handle, src, (14, core.EK_UNIT_DAYS), nominal, out) == 0
    assert nominal.tolist() == (src + 14).tolist()


def test_batch_from_threads(cal):
    """Batches release the GIL; several threads on one calendar agree."""
    rng = np.random.default_rng(7)
    dates = np.datetime64("2000-01-01") + rng.integers(0, 36500, size=200_000).astype("timedelta64[D]")
    want = cal.add_working_days_many(dates, 10)
    results = [None] * 4

    def work(i):
        results[i] = cal.add_working_days_many(dates, 10)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        assert np.array_equal(r, want)
