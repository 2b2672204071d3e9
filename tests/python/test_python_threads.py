"""Threads: many Python threads evaluate cases against one shared Context and Calendar
(the C calls release the GIL); the results equal a serial run."""
import datetime
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import egenkontroll as ek

D = datetime.date
N_THREADS = 8


def _cases(n):
    """n synthetic cases with a spread of dates and events."""
    out = []
    base = D(2024, 1, 1)
    for i in range(n):
        c = ek.Case(f"BU-T{i:04d}")
        day = base + datetime.timedelta(days=(i * 7) % 600)
        c.add_event("anmalan_mottagen", day, anmalare="skola")
        if i % 3:
            c.add_event("beslut_inleda_utredning", day + datetime.timedelta(days=i % 20))
            c.add_event("utredning_inledd", day + datetime.timedelta(days=i % 20))
        if i % 5 == 0:
            j = c.add_event("placering_verkstalld", day + datetime.timedelta(days=30))
            c.set_attr(j, "placeringsform", "familjehem")
            c.set_attr(j, "grund", "sol")
        out.append(c)
    return out


@pytest.fixture(scope="module")
def cases():
    return _cases(240)


@pytest.fixture(scope="module")
def shared():
    return ek.Context(policy={"bedom_mot": "nominal", "besok_intervall": "6w"})


AS_OF = D(2026, 1, 15)


def test_threads_evaluating_with_one_context_equal_a_serial_run(cases, shared):
    serial = [ek.evaluate(c, AS_OF, context=shared) for c in cases]
    barrier = threading.Barrier(N_THREADS)
    results = [None] * N_THREADS
    errors = []

    def work(t):
        try:
            barrier.wait()
            mine = {}
            for _ in range(3):
                for k in range(t, len(cases), N_THREADS):
                    mine[k] = ek.evaluate(cases[k], AS_OF, context=shared)
            results[t] = mine
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(N_THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    merged = {}
    for r in results:
        merged.update(r)
    assert [merged[k] for k in range(len(cases))] == serial


def test_threads_calling_evaluate_many_equal_a_serial_run(cases, shared):
    serial = [ek.evaluate(c, AS_OF, context=shared) for c in cases]
    chunks = [cases[i::N_THREADS] for i in range(N_THREADS)]
    with ThreadPoolExecutor(N_THREADS) as pool:
        parts = list(pool.map(lambda ch: ek.evaluate_many(ch, AS_OF, context=shared, threads=2), chunks))
    got = {}
    for i, part in enumerate(parts):
        for k, obls in zip(range(i, len(cases), N_THREADS), part):
            got[k] = obls
    assert [got[k] for k in range(len(cases))] == serial


@pytest.mark.parametrize("threads", [0, 1, 4, 16])
def test_evaluate_many_with_c_threads_equals_serial(cases, shared, threads):
    serial = [ek.evaluate(c, AS_OF, context=shared) for c in cases]
    assert ek.evaluate_many(cases, AS_OF, context=shared, threads=threads) == serial


def test_threads_share_the_context_calendar(shared):
    np = pytest.importorskip("numpy")
    cal = shared.calendar
    starts = np.arange("2020-01-01", "2030-01-01", dtype="datetime64[D]")
    expected = cal.deadline_many(starts, "4m")
    scalar = [cal.deadline(s, "4m").legal for s in starts[:200].tolist()]
    assert expected[1][:200].tolist() == scalar

    def work(_):
        return cal.deadline_many(starts, "4m"), cal.roll_many(starts)

    with ThreadPoolExecutor(N_THREADS) as pool:
        for (nominal, legal), rolled in pool.map(work, range(N_THREADS * 2)):
            assert (nominal == expected[0]).all() and (legal == expected[1]).all()
            assert (rolled == cal.roll_many(starts)).all()


def test_threads_with_different_contexts_do_not_interfere(cases):
    strict = ek.Context(policy={"bedom_mot": "nominal"})
    legal = ek.Context()
    want = {name: [ek.evaluate(c, AS_OF, context=ctx) for c in cases[:60]]
            for name, ctx in (("strict", strict), ("legal", legal))}

    def work(t):
        name, ctx = (("strict", strict), ("legal", legal))[t % 2]
        return name, [ek.evaluate(c, AS_OF, context=ctx) for c in cases[:60]]

    with ThreadPoolExecutor(N_THREADS) as pool:
        for name, got in pool.map(work, range(N_THREADS)):
            assert got == want[name]


def test_errors_in_threads_are_per_thread():
    """Each thread's exception carries its own message (the last error is per thread)."""
    def work(t):
        # date-shaped text only: other rejected text is never quoted in a message (issue 18)
        text = f"2026-13-{t:02d}" if t % 2 else f"2026-{t:02d}-32"
        try:
            ek.parse_date(text)
        except ek.EgenkontrollError as e:
            return text, e.message
        return text, None

    with ThreadPoolExecutor(N_THREADS) as pool:
        for _ in range(20):
            for text, msg in pool.map(work, range(1, 2 * N_THREADS)):
                assert msg is not None and text in msg


def test_the_gil_is_released_during_batch_calls():
    """While one thread is inside a C batch call, another thread runs Python.

    No timing: with a switch interval of 100 s the interpreter never hands the
    GIL over by itself, so the main thread can only run while the worker is
    still calling deadline_many() if those C calls release the GIL.  The worker
    repeats the call (up to 200 times) until the main thread has run, so a
    slow wake-up on a loaded machine cannot make the test fail; had the calls
    kept the GIL, the worker would finish all of them before the main thread
    could look.
    """
    np = pytest.importorskip("numpy")
    cal = ek.Calendar()
    starts = np.resize(np.arange("1975-01-01", "2190-01-01", dtype="datetime64[D]"), 1_000_000)
    entered, main_ran, returned = threading.Event(), [], []

    def worker():
        entered.set()
        for _ in range(200):
            cal.deadline_many(starts, "10wd")
            if main_ran:
                break
        returned.append(True)

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        th = threading.Thread(target=worker)
        th.start()
        entered.wait()
        seen_inside = not returned
        main_ran.append(True)
    finally:
        sys.setswitchinterval(old)
    th.join()
    assert returned, "the worker did not finish"
    assert seen_inside, "the main thread could not run while the worker was inside deadline_many()"
