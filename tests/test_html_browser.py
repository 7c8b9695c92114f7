"""The HTML pages in a real browser (Chromium, driven by selenium through chromedriver), served
over HTTP as a course page serves them: axe-core finds no WCAG 2.1 A or AA violation in either
edition at desktop and phone widths in the light and dark schemes, nothing is asked of any other
server, nothing is wider than a phone, and the student's answers are kept across a reload, and
downloaded and printed with their numbers.

The browser and the checker are outside tools: Debian's chromium and chromium-driver, and the
npm package axe-core (which .ci/run installs, and then requires with NLMG_REQUIRE_BROWSER)."""
from __future__ import annotations

import base64
import functools
import http.server
import io
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EDITIONS, absent, node_file, run_tool, shipped_guide
from nlmg_pdf import __version__
from nlmg_pdf.outline import written_date

pytestmark = pytest.mark.slow
REQUIRED = "NLMG_REQUIRE_BROWSER"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": (1280, 900), "phone": (360, 780)}


def browser_tools() -> tuple[str, str]:
    """Chromium and its driver, or a skip (a failure in CI) naming what is missing."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        absent("selenium is not installed (pip install -e '.[test]')", REQUIRED)
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        absent("Chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)",
               REQUIRED)
    return browser, driver


def axe_core() -> Path:
    axe = node_file("axe-core/axe.min.js", "NLMG_AXE_JS")
    if axe is None:
        absent("axe-core is not installed (npm install --prefix .ci/node axe-core)", REQUIRED)
    return axe


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[dict[str, str]]:
    """Both editions' pages and a student handout, built and served on a local port; each page's
    address by name."""
    folder = tmp_path_factory.mktemp("served")
    for args in (["--edition", "all"], ["--edition", "student", "--only", "part-two-questions,part-one-check"]):
        result = run_tool("build", *args, "--format", "html", "--out", f"{folder}/")
        assert result.returncode == 0, result.stderr
    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield {path.stem.removeprefix("never-let-me-go-"): f"{base}/{path.name}" for path in folder.glob("*.html")}
    server.shutdown()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # (the requests are read from the browser's log instead)
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, chromedriver = browser_tools()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tmp_path_factory.mktemp("profile")
    # (without the background flags Chromium calls home at start, which a closed network refuses)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_script_timeout(180)
    yield driver
    driver.quit()


def show(driver, url: str, width: str = "desktop", scheme: str = "light") -> None:
    """Open `url` at a width (a phone's is emulated as a phone: its viewport and touch) and scheme."""
    wide, high = WIDTHS[width]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": wide, "height": high, "deviceScaleFactor": 1, "mobile": width == "phone"})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": scheme}]})
    driver.get(url)


def axe_violations(driver) -> list[str]:
    driver.execute_script(axe_core().read_text(encoding="utf-8"))
    found = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(r => done(r.violations.map(v => v.id + ' (' + v.help + '): ' + v.nodes.slice(0, 4)
                .map(n => n.target.join(' ') + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' | '))))
          .catch(e => done(['axe failed: ' + e]));
    """, WCAG_21_AA)
    return list(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("edition", EDITIONS)
def test_axe_finds_no_wcag_21_aa_violation(browser, served, edition, width, scheme):
    show(browser, served[edition], width, scheme)
    assert browser.execute_script(
        "return matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    assert axe_violations(browser) == []


def test_axe_reports_what_it_should(browser, served):
    show(browser, served["student"])
    browser.execute_script("""document.querySelector('main').insertAdjacentHTML('afterbegin',
        '<p style="color:#bbb">Faint words</p><input type="text" id="unlabelled">')""")
    found = " ".join(axe_violations(browser))
    assert "color-contrast" in found and "#unlabelled" in found


def too_wide(driver, width: int) -> list[str]:
    """What reaches past the right of a window `width` wide (a wide table scrolls inside its own
    box, which is the window's width, so what is inside that is not counted). The width is given,
    not read: a phone's page widens to hold what overflows it."""
    return driver.execute_script("""return [...document.querySelectorAll('body *')].filter(e => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.right > arguments[0] + 1 && !e.parentElement.closest('.table');
    }).map(e => e.tagName + '#' + (e.id || e.closest('[id]').id)).slice(0, 5)""", width)


@pytest.mark.parametrize("edition", EDITIONS)
def test_nothing_is_wider_than_a_phone_and_nothing_is_asked_of_any_server(browser, served, edition):
    browser.get_log("performance")  # (what earlier tests asked is not this page's)
    show(browser, served[edition], "phone")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= WIDTHS["phone"][0]
    assert too_wide(browser, WIDTHS["phone"][0]) == []
    browser.execute_script("""document.querySelector('main')
        .insertAdjacentHTML('afterbegin', '<p id="wide" style="width:500px">wide</p>')""")
    assert too_wide(browser, WIDTHS["phone"][0]) == ["P#wide"]  # (the check sees what it is there to see)
    asked = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    urls = {message["params"]["request"]["url"] for message in asked
            if message["method"] == "Network.requestWillBeSent"}
    own = served[edition]
    assert {url for url in urls if url != own and not url.startswith(("data:", "blob:"))
            and not url.endswith("/favicon.ico")} == set()  # (the browser's own ask for an icon is not the page's)


def fill_in(driver) -> None:
    driver.find_element("id", "answers-name").send_keys("Ada Lovelace")
    driver.find_element("id", "answer-14").send_keys("Tommy's rages.\nThey stop at the Cottages.")
    driver.find_element("css selector", "input[name='quiz-3'][value='B']").click()
    driver.find_element("css selector", "input[name='check-part-one-5'][value='True']").click()
    driver.find_element("id", "check-part-one-2-answer").send_keys("Miss Lucy")


def test_typed_answers_survive_a_reload_and_reach_a_handout_of_the_same_guide(browser, served):
    show(browser, served["student"])
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    assert browser.find_element("id", "answers-tools").is_displayed()
    fill_in(browser)
    browser.refresh()
    assert browser.find_element("id", "answer-14").get_attribute("value") == (
        "Tommy's rages.\nThey stop at the Cottages.")
    assert browser.find_element("id", "answers-name").get_attribute("value") == "Ada Lovelace"
    assert browser.find_element("css selector", "input[name='quiz-3'][value='B']").is_selected()
    assert not browser.find_element("css selector", "input[name='quiz-3'][value='A']").is_selected()
    # a handout of the same guide holds the same numbers, so it shows the same answers
    show(browser, served["student-part-two-questions-part-one-check"])
    assert browser.find_element("id", "answer-14").get_attribute("value").startswith("Tommy's rages.")
    assert browser.find_element("css selector", "input[name='check-part-one-5'][value='True']").is_selected()
    assert browser.find_element("id", "check-part-one-2-answer").get_attribute("value") == "Miss Lucy"


def test_the_answers_download_as_text_with_their_numbers(browser, served, tmp_path):
    show(browser, served["student"])
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    fill_in(browser)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.find_element("id", "answers-download").click()
    wanted = tmp_path / "never-let-me-go-answers.txt"
    for _ in range(100):
        if wanted.is_file():
            break
        time.sleep(0.05)
    lines = wanted.read_text(encoding="utf-8").splitlines()
    md = shipped_guide().metadata
    made = f"version {__version__} of {written_date(md.date, md.language)}"
    assert lines[0] == f"{md.title}: answers (Student edition, {made})"
    assert lines[1:3] == ["Name: Ada Lovelace", "Class: "]
    at = lines.index("14. Tommy's rages.")
    assert lines[at + 1] == "    They stop at the Cottages." and lines[at - 1] == "13. (no answer)"
    assert lines.index("Study questions: Part Two") == at - 3
    check = lines.index("Reading checks: Part One: chapters 1\u20139")
    assert lines[check + 2:check + 6] == ["2. Miss Lucy", "3. (no answer)", "4. (no answer)", "5. True"]
    assert lines[lines.index("Quiz") + 3] == "3. B"
    # the sets answered in, every item of each (the quiz's, and Part One's and Part Two's), and no other
    sets = [line for line in lines if line and not line[:1].isdigit() and not line.startswith(" ")][3:]
    assert sets == ["Study questions: Part Two", "Reading checks: Part One: chapters 1\u20139", "Quiz"]
    numbered = [line for line in lines if line[:1].isdigit()]
    assert len(numbered) == browser.execute_script("""return [...document.querySelectorAll('[data-set]')]
        .filter(set => set.querySelector(arguments[0]))
        .reduce((count, set) => count + set.querySelectorAll('[data-number]').length, 0)""",
        '[data-field="answer-14"], [data-field="quiz-3"], [data-field^="check-part-one-"]')


def test_print_my_answers_prints_the_answers_alone(browser, served):
    show(browser, served["student"])
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    fill_in(browser)
    # (the print dialog is the browser's; the test takes the printed pages from it directly)
    browser.execute_script("window.print = () => { window.printed = true; }")
    browser.find_element("id", "answers-print").click()
    assert browser.execute_script("return window.printed") is True
    from selenium.webdriver.common.print_page_options import PrintOptions

    printed = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(PrintOptions()))))
    words = " ".join(page.extract_text() for page in printed.pages)
    assert len(printed.pages) <= 3 and "Name: Ada Lovelace" in words and "14. Tommy's rages." in words
    assert "Plot overview" not in words and "Contents" not in words
    # printed as a whole, once the dialog has closed, a page shows what was typed in it (a handout
    # of the same guide, which shows the same answers, is the shorter page to print)
    browser.execute_script("dispatchEvent(new Event('afterprint'))")
    assert browser.execute_script("return document.documentElement.classList.contains('printing-answers')") is False
    show(browser, served["student-part-two-questions-part-one-check"])
    browser.execute_script("dispatchEvent(new Event('beforeprint'))")
    whole = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(PrintOptions()))))
    words = " ".join(page.extract_text() for page in whole.pages)
    assert "Part Two" in words and "Miss Lucy" in words and "They stop at the Cottages." in words


def test_clear_my_answers_forgets_them(browser, served):
    show(browser, served["student"])
    fill_in(browser)
    browser.execute_script("window.confirm = () => true")
    browser.find_element("id", "answers-clear").click()
    browser.refresh()
    assert browser.find_element("id", "answer-14").get_attribute("value") == ""
    assert not browser.find_element("css selector", "input[name='quiz-3'][value='B']").is_selected()


def test_the_teachers_page_has_no_answer_tools_and_runs_no_script(browser, served):
    show(browser, served["teacher"])
    assert browser.find_elements("id", "answers-tools") == []
    assert browser.execute_script("return document.scripts.length") == 0


def test_without_javascript_the_student_page_reads_and_says_answers_are_not_kept(browser, served):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        show(browser, served["student"])
        assert not browser.find_element("id", "answers-tools").is_displayed()
        shown = browser.find_element("tag name", "body").text
        assert "are not kept when it is closed" in shown and "Plot overview" in shown
        box = browser.find_element("id", "answer-14")
        box.send_keys("typed without a script")
        assert box.get_attribute("value") == "typed without a script"
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
