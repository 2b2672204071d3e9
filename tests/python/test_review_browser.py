"""The reviewer's worksheet in a real browser: headless Chromium opens the page of `egenkontroll review`,
answers three judgement items, saves the granskning-1 file through the page's own button, and
`egenkontroll check --answers` counts exactly those three answers more.  CI installs chromium,
chromium-driver and python3-selenium (tools/install-deps.sh); without them locally the test is skipped."""
import json
import os
import shutil
import subprocess
import tempfile
import time

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AS_OF = "2026-03-01"


def _need_browser():
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("python3-selenium is not installed (CI installs it: tools/install-deps.sh)")
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        pytest.skip("chromium and chromium-driver are not installed (CI installs them: tools/install-deps.sh)")


def _summary(tool, cases, *extra):
    out = subprocess.run([tool, "check", "--as-of", AS_OF, "--format", "json", *extra, str(cases)],
                         capture_output=True, text=True, check=True)
    line = [x for x in out.stdout.splitlines() if x.startswith('{"summary"')][0]
    return {i["item"]: i for i in json.loads(line)["summary"]["items"]}


def _browser(download_dir, profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                           "download.prompt_for_download": False,
                                           "download.directory_upgrade": True,
                                           "safebrowsing.enabled": False})
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    drv.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return drv


def _answer(drv, case_id, item, result, comment=""):
    from selenium.webdriver.common.by import By
    fs = drv.find_element(By.XPATH, f"//section[h2[starts-with(normalize-space(.), '{case_id} ')]]"
                                    f"//fieldset[legend[starts-with(normalize-space(.), '{item} ')]]")
    radio = fs.find_element(By.CSS_SELECTOR, f"input[type=radio][value={result}]")
    # every control has a label that names it (accessibility): click the label, as a person would
    fs.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']").click()
    assert radio.is_selected()
    if comment:
        box = fs.find_element(By.TAG_NAME, "textarea")
        assert fs.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']")
        box.send_keys(comment)


def test_worksheet_in_chromium(source_dir, tool, tmp_path, monkeypatch):
    # an instrumented runtime preloaded into this Python (the CI ASan step) must not be forced on the browser
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    _need_browser()
    cases = source_dir / "tests/data/checklist/items.jsonl"
    page = tmp_path / "granskning.html"
    subprocess.run([tool, "review", "--as-of", AS_OF, "-o", str(page), str(cases)], check=True)
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html  # works offline: nothing to fetch
    before = _summary(tool, cases)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    profile = tempfile.mkdtemp(prefix="ek-chromium-")
    drv = _browser(downloads, profile)
    try:
        drv.get(page.as_uri())
        _answer(drv, "A4-EJBEDOMD", "A4", "pass", "våldet beaktat")
        _answer(drv, "B1-PASS", "B4", "fail", "barnets bästa inte bedömt")
        _answer(drv, "B3-FAIL", "B4", "notapplicable")
        from selenium.webdriver.common.by import By
        status = drv.find_element(By.ID, "status").text
        assert status.startswith("3 av ")
        drv.find_element(By.ID, "save").click()
        saved = downloads / f"granskning-{AS_OF}.jsonl"
        for _ in range(100):
            if saved.exists() and saved.stat().st_size > 0:
                break
            time.sleep(0.1)
        assert saved.exists(), f"no download in {list(downloads.iterdir())}"
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)
    lines = [json.loads(x) for x in saved.read_text(encoding="utf-8").splitlines()]
    assert sorted((x["id"], x["item"], x["result"]) for x in lines) == [
        ("A4-EJBEDOMD", "A4", "pass"), ("B1-PASS", "B4", "fail"), ("B3-FAIL", "B4", "notapplicable")]
    assert all(x["format"] == "egenkontroll/granskning-1" and x["reviewer"] == "kvalitetscontroller"
               and x["date"] == AS_OF for x in lines)
    after = _summary(tool, cases, "--answers", str(saved))
    changed = {k: {f: after[k][f] - before[k][f] for f in ("numerator", "failed", "notchecked", "notapplicable")
                   if after[k][f] != before[k][f]} for k in after}
    changed = {k: v for k, v in changed.items() if v}
    assert changed == {"A4": {"numerator": 1, "notchecked": -1},
                       "B4": {"failed": 1, "notchecked": -2, "notapplicable": 1}}


def test_worksheet_loads_saved_answers(source_dir, tool, tmp_path, monkeypatch):
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    """The page fills its forms from a granskning-1 file: --answers at generation, or the file input."""
    _need_browser()
    cases = source_dir / "tests/data/checklist/items.jsonl"
    page = tmp_path / "g.html"
    subprocess.run([tool, "review", "--as-of", AS_OF, "-o", str(page), "--answers",
                    str(source_dir / "tests/data/answers/svar.jsonl"), str(cases)], check=True)
    profile = tempfile.mkdtemp(prefix="ek-chromium-")
    drv = _browser(tmp_path, profile)
    try:
        from selenium.webdriver.common.by import By
        drv.get(page.as_uri())
        assert drv.find_element(By.ID, "status").text.startswith("3 av ")
        fs = drv.find_element(By.XPATH, "//section[h2[starts-with(normalize-space(.), 'B1-PASS ')]]"
                                        "//fieldset[legend[starts-with(normalize-space(.), 'B4 ')]]")
        assert fs.find_element(By.CSS_SELECTOR, "input[value=fail]").is_selected()
        assert fs.find_element(By.TAG_NAME, "textarea").get_attribute("value") == "barnets bästa ej bedömt"
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)
