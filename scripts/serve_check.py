"""Serves the product as production does and checks real pages over HTTP. `make check-deploy` runs it.

    .venv/bin/python scripts/serve_check.py

In a temporary folder: a SQLite database, migrated and loaded with the demo council; collectstatic
with the manifest storage; then gunicorn with production settings (DEBUG off, a fresh SECRET_KEY,
ALLOWED_HOSTS, HTTPS-only cookies behind a TLS proxy, which this script plays by sending
X-Forwarded-Proto: https). Over HTTP it signs in through the sign-in form as a demo practitioner,
opens the caseload and a person's page, fetches every stylesheet, script and icon they link to by
its hashed name, checks the 404 page, and last makes a real server error (the people table taken
away) to see the 500 page and the traceback in the server's error log. Stops at the first problem,
says what broke, and always stops gunicorn and removes the folder.
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin

ROOT = Path(__file__).resolve().parent.parent
HOST = "care.example.org"
PRACTITIONER = "nadia"  # a demo practitioner with a caseload (whatsstrong/people/demo/organisation.json)
HASHED_STATIC = re.compile(r"^/static/.+\.[0-9a-f]{12}\.\w+$")


class CheckFailed(Exception):
    pass


def check(condition, problem):
    if not condition:
        raise CheckFailed(problem)


# --- the server -----------------------------------------------------------------------------------


def production_env(folder):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "LOG_LEVEL"}
    }
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
    }


def manage(env, *args):
    run = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    check(run.returncode == 0, f"manage.py {' '.join(args)} failed:\n{run.stdout}{run.stderr}")
    return run.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, folder):
    out, err = open(folder / "gunicorn.out", "w"), open(folder / "gunicorn.err", "w")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            # The control socket has one path per user: leave it to a gunicorn that is really serving.
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=err,
    )


def wait_until_serving(server, port, folder, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        check(server.poll() is None, "gunicorn stopped while starting:\n" + (folder / "gunicorn.err").read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise CheckFailed(f"gunicorn did not answer on port {port} within {seconds} s")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- a small browser ------------------------------------------------------------------------------


class Browser:
    """Talks plain HTTP to gunicorn as a TLS proxy would, and keeps cookies as a browser on HTTPS does."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.set_cookie_headers = []

    def request(self, method, path, body=None, headers=None, proxied=True):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST, **(headers or {})}
        if proxied:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.set_cookie_headers.append(header)
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, content

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, fields):
        return self.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{path}",
            },
        )

    def page(self, path, expect=200):
        response, content = self.get(path)
        text = content.decode("utf-8", "replace")
        check(response.status == expect, f"GET {path} answered {response.status} (expected {expect}):\n{text[:2000]}")
        return response, text


class Links(HTMLParser):
    """The stylesheets, scripts and icons a page links to, and the links to people's pages."""

    def __init__(self):
        super().__init__()
        self.assets, self.people = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "a" and re.fullmatch(r"/people/\d+/", attrs.get("href") or ""):
            self.people.append(attrs["href"])


def links_in(text):
    parser = Links()
    parser.feed(text)
    return parser


# --- the checks -----------------------------------------------------------------------------------


def redirects_plain_http_to_https(browser):
    response, _ = browser.get("/sign-in/", proxied=False)
    check(
        response.status == 301 and response.headers["Location"] == f"https://{HOST}/sign-in/",
        f"A plain HTTP request should be sent to HTTPS, but answered {response.status} "
        f"to {response.headers['Location']}",
    )


def signs_in(browser, password):
    response, text = browser.page("/sign-in/")
    check("max-age=" in response.headers.get("Strict-Transport-Security", ""), "The sign-in page has no HSTS header")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    check(token, "The sign-in form has no CSRF token")
    check("csrftoken" in browser.cookies, "The sign-in page set no CSRF cookie")
    response, content = browser.post_form(
        "/sign-in/", {"csrfmiddlewaretoken": token.group(1), "username": PRACTITIONER, "password": password, "next": ""}
    )
    check(
        response.status == 302 and response.headers["Location"] == "/",
        f"Signing in answered {response.status}, not a redirect to the caseload:\n{content.decode()[:2000]}",
    )
    for name in ("sessionid", "csrftoken"):
        header = next((h for h in browser.set_cookie_headers if h.startswith(f"{name}=")), "")
        check("Secure" in header, f"The {name} cookie is not marked Secure: {header}")
    check(
        "HttpOnly" in next(h for h in browser.set_cookie_headers if h.startswith("sessionid=")),
        "The session cookie is readable by scripts (no HttpOnly)",
    )


def opens_pages(browser):
    _, caseload = browser.page("/")
    check("Your caseload" in caseload, "The home page is not the practitioner's caseload")
    people = links_in(caseload).people
    check(people, "The caseload links to nobody's page")
    _, person = browser.page(people[0])
    check("Strengths" in person, f"{people[0]} does not look like a person's page")
    return {asset for page in (caseload, person) for asset in links_in(page).assets}


def serves_static_files(browser, assets):
    check(
        any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets),
        f"The pages link to no stylesheet or no script: {sorted(assets)}",
    )
    fetched = set()
    for asset in sorted(assets):
        check(HASHED_STATIC.match(asset), f"{asset} is not served by its hashed name from the manifest")
        response, content = browser.get(asset)
        check(response.status == 200 and content, f"GET {asset} answered {response.status}")
        check(
            "max-age=315360000" in response.headers.get("Cache-Control", ""),
            f"{asset} is not cached for good: {response.headers.get('Cache-Control')}",
        )
        fetched.add(asset)
        # What a stylesheet refers to and what a script module imports must be served too. The
        # manifest rewrites a stylesheet's url()s to hashed names, but not a module's imports.
        text = content.decode("utf-8", "replace")
        refers_to = (
            re.findall(r"url\([\"']?(/static/[^\"')]+)", text)
            if asset.endswith(".css")
            else [urljoin(asset, name) for name in re.findall(r"^import .* from \"(\.{1,2}/[^\"]+)\"", text, re.M)]
        )
        for url in refers_to:
            response, content = browser.get(url)
            check(response.status == 200 and content, f"{asset} refers to {url}, which answered {response.status}")
            fetched.add(url)
    return fetched


def shows_the_404_page(browser):
    _, text = browser.page("/no-such-page/", expect=404)
    check("Page not found" in text, "The 404 answer is not the product's page-not-found page")


def logs_a_server_error(browser, folder, person_path):
    """Takes the people table away, so opening a person's page fails inside the view."""
    db = sqlite3.connect(folder / "db.sqlite3")
    db.execute("ALTER TABLE people_person RENAME TO people_person_away")
    db.commit()
    db.close()
    _, text = browser.page(person_path, expect=500)
    check("Sorry, something went wrong" in text, "The 500 answer is not the product's error page")
    error_log = folder / "gunicorn.err"
    deadline = time.monotonic() + 10
    pattern = re.compile(
        r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR django\.request Internal Server Error: "
        + re.escape(person_path)
        + r"\nTraceback \(most recent call last\):\n(.*\n)*?.*no such table",
        re.M,
    )
    while not pattern.search(error_log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    check(
        pattern.search(error_log.read_text()),
        "The server error is not in the error log with its time, level, logger and traceback:\n"
        + error_log.read_text()[-3000:],
    )


def main():
    folder = Path(tempfile.mkdtemp(prefix="whatsstrong-serve-check-"))
    server = None
    try:
        env = production_env(folder)
        print("Production settings in", folder)
        manage(env, "migrate", "--verbosity", "0")
        # The demo has published passwords, so it loads only with DEBUG on; into this throwaway database.
        demo = manage(env | {"DEBUG": "1"}, "load_demo")
        password = re.search(r"password:\s+(\S+)", demo).group(1)
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        print("ok  migrate, demo council, collectstatic with the manifest")

        port = free_port()
        server = start_gunicorn(env, port, folder)
        wait_until_serving(server, port, folder)
        print(f"ok  gunicorn serving on 127.0.0.1:{port}")

        browser = Browser(port)
        redirects_plain_http_to_https(browser)
        print("ok  plain HTTP is sent to HTTPS")
        signs_in(browser, password)
        print(f"ok  signed in through the form as {PRACTITIONER}: Secure cookies, HSTS")
        assets = opens_pages(browser)
        print("ok  caseload and a person's page")
        fetched = serves_static_files(browser, assets)
        print(
            f"ok  {len(fetched)} static files: each one the pages link to, by its hashed name, "
            "and what those refer to: " + ", ".join(sorted(fetched))
        )
        shows_the_404_page(browser)
        print("ok  404 page")
        logs_a_server_error(browser, folder, links_in(browser.page("/")[1]).people[0])
        print("ok  a server error shows the 500 page and its traceback reaches the error log")
        access_log = (folder / "gunicorn.out").read_text()
        check(
            re.search(r'^\d{4}-.* INFO gunicorn\.access 127\.0\.0\.1 "GET / HTTP/1\.1" 200 ', access_log, re.M),
            "Requests are not in the access log on stdout:\n" + access_log[-2000:],
        )
        print("ok  requests are in the access log")
    except CheckFailed as failure:
        log = folder / "gunicorn.err"
        tail = log.read_text()[-4000:] if log.exists() else ""
        print(f"\nSERVE CHECK FAILED: {failure}", file=sys.stderr)
        if tail:
            print("\nLast lines of gunicorn's error log:\n" + tail, file=sys.stderr)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(folder, ignore_errors=True)
    print("Production serve check passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
