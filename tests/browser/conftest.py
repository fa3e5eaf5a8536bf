"""Headless Chromium for the browser tests, and axe-core on every page they visit.

Debian's chromium and chromedriver only (`make browser-deps`): Selenium is given both paths and
told to stay offline, so it never downloads a browser or a driver. Without them, or without
axe-core from `npm ci --prefix frontend`, these tests are skipped, unless REQUIRE_BROWSER=1
(CI sets it), when they fail instead.
"""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]
WAIT_SECONDS = 10

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: AXE_TAGS}})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})),
    passes: r.passes.length}))
  .catch(e => done({error: String((e && e.stack) || e)}));
""".replace("AXE_TAGS", json.dumps(AXE_TAGS))


def what_is_missing():
    missing = []
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not os.access(path, os.X_OK):
            missing.append(f"{what} at {path}")
    if not AXE.is_file():
        missing.append(f"axe-core at {AXE} (npm ci --prefix frontend)")
    return missing


class Browser:
    """The driver, the live server's address, and the few steps every journey takes."""

    def __init__(self, driver, base_url):
        self.driver = driver
        self.base_url = base_url
        self.axe_checked = []  # (label, rules passed) for each page axe has checked

    # Moving around ----------------------------------------------------------------------------

    def go(self, path):
        self.driver.get(self.base_url + path)
        self.settle()

    def path(self):
        return self.driver.current_url.removeprefix(self.base_url)

    def title(self):
        return self.driver.title

    def wait(self, condition, message, seconds=WAIT_SECONDS):
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, seconds, poll_frequency=0.05).until(lambda d: condition(), message)

    def settle(self):
        """The page has loaded, and any htmx requests it started on load have come back."""
        from selenium.common.exceptions import WebDriverException

        def settled():
            try:
                return self.driver.execute_script(
                    "return document.readyState === 'complete' && !document.querySelector('.htmx-request');"
                )
            except WebDriverException:  # between documents
                return False

        self.wait(settled, f"{self.driver.current_url} did not finish loading")

    def _navigating(self, action):
        """Do something that loads a new page, and wait for that page.

        The old page is marked; the new one arrives without the mark. (Checking whether an old
        element has gone stale races the navigation and can fail inside chromedriver.)
        """
        from selenium.common.exceptions import WebDriverException

        self.driver.execute_script("window.__wsOldPage = true;")
        action()

        def arrived():
            try:
                return self.driver.execute_script("return !window.__wsOldPage;")
            except WebDriverException:  # between documents
                return False

        self.wait(arrived, f"no new page loaded after {self.driver.current_url}")
        self.settle()

    def click_link(self, text):
        link = self.driver.find_element("link text", text)
        self._navigating(link.click)

    def press(self, button_text):
        """Click the button whose text is exactly this, and wait for the page it leads to."""
        button = self.driver.find_element("xpath", f"//button[normalize-space(.)={json.dumps(button_text)}]")
        self._navigating(button.click)

    def type_into(self, label_text, text, *, clear=True):
        """Type into the control a <label> with this text points at, the way a person finds it."""
        label = self.driver.find_element("xpath", f"//label[normalize-space(.)={json.dumps(label_text)}]")
        control = self.driver.find_element("id", label.get_attribute("for"))
        if clear:
            control.clear()
        control.send_keys(text)
        return control

    def text(self, css="main"):
        return self.driver.find_element("css selector", css).text

    def downloaded(self, suffix, seconds=WAIT_SECONDS):
        """The one file ending in `suffix` that a click saved, once Chromium has finished writing it."""

        def saved():
            found = [p for p in self.downloads.iterdir() if p.name.endswith(suffix)]
            return found[0] if len(found) == 1 else None

        self.wait(lambda: saved() is not None, f"no {suffix} file was downloaded", seconds)
        return saved().read_bytes()

    # Signing in and out -----------------------------------------------------------------------

    def sign_in(self, username, password):
        self.go("/sign-in/")
        self.type_into("Username", username)
        self.type_into("Password", password)
        self.press("Sign in")
        assert self.path() == "/", f"signing in as {username} ended on {self.path()}: {self.text()[:300]}"

    def sign_out(self):
        button = self.driver.find_element("css selector", "form[action='/sign-out/'] button")
        self._navigating(button.click)
        assert self.path().startswith("/sign-in/"), self.path()

    # Accessibility ----------------------------------------------------------------------------

    def check_axe(self, label):
        """Run axe-core on this page; fail listing every violation and where it is."""
        self.settle()
        if not self.driver.execute_script("return typeof window.axe === 'object'"):
            self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script(RUN_AXE)
        assert "error" not in result, f"axe-core failed on {label}: {result.get('error')}"
        violations = result["violations"]
        if violations:
            lines = [f"axe-core: {len(violations)} violation(s) on {label} ({self.driver.current_url}):"]
            for v in violations:
                lines.append(f"  {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
                for node in v["nodes"]:
                    lines.append(f"    at {' > '.join(map(str, node['target']))}")
                    lines += [f"       {line}" for line in (node["summary"] or "").splitlines()]
            report = "\n".join(lines)
            print(report)
            pytest.fail(report, pytrace=False)
        self.axe_checked.append((label, result["passes"]))


@pytest.fixture(scope="session")
def _one_request_at_a_time(django_db_setup):
    """With the in-memory SQLite test database, serve one request at a time.

    The live server's threads would all share that one database connection, and a page whose
    fields each ask the language coach for hints on load sends several requests at once: they
    then trip over each other ("database table is locked"). PostgreSQL keeps the threads.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def live_server(_one_request_at_a_time, live_server):
    """pytest-django's live server, started after the choice above."""
    return live_server


@pytest.fixture
def browser(live_server, tmp_path):
    missing = what_is_missing()
    if missing:
        reason = "Browser tests need " + "; ".join(missing) + ". Run `make browser-deps`."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (REQUIRE_BROWSER=1, so this is a failure, not a skip.)", pytrace=False)
        pytest.skip(reason)

    # Never let Selenium Manager fetch anything: the paths below are all it may use.
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(30)
    # Headless Chromium saves a download only when told where.
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser = Browser(driver, live_server.url)
    browser.downloads = downloads
    try:
        yield browser
    finally:
        driver.quit()
        if browser.axe_checked:
            print(
                "\naxe-core, 0 violations on: "
                + "; ".join(f"{label} ({passes} rules passed)" for label, passes in browser.axe_checked)
            )
