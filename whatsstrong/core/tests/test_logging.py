"""Where errors go in production: stderr, each line with its time, level and logger, and the traceback.

Each test starts a fresh Python with production settings (DEBUG off), because logging is set up once
when Django starts and the test run's own settings have already done that.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "whatsstrong.settings",
    "DEBUG": "0",
    "SECRET_KEY": "logging-test-" + "k" * 50,
    "ALLOWED_HOSTS": "care.example.org",
}
# Logs what Django logs when a view raises, and a line at each level from the application; then
# prints, for django.request, every handler its records reach: class, stream and line format.
SCRIPT = """
import json, logging, django
django.setup()
try:
    raise RuntimeError("the database went away")
except RuntimeError:
    logging.getLogger("django.request").error("Internal Server Error: /people/1/", exc_info=True)
logging.getLogger("whatsstrong.people").warning("a warning from the application")
logging.getLogger("whatsstrong.people").info("an information line from the application")
reached, logger = [], logging.getLogger("django.request")
while logger:
    reached += [[type(h).__name__, getattr(getattr(h, "stream", None), "name", None),
                 h.formatter._fmt if h.formatter else None] for h in logger.handlers]
    logger = logger.parent if logger.propagate else None
print(json.dumps(reached))
"""
LINE = r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} "


def run_in_production(**extra):
    keep = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "LOG_LEVEL", "SECURE_SSL_REDIRECT"}}
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=keep | PRODUCTION | extra,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run.stderr, json.loads(run.stdout)


def test_a_server_error_goes_to_a_stderr_stream_handler_with_a_formatter():
    _, reached = run_in_production()
    assert reached == [["StreamHandler", "<stderr>", "%(asctime)s %(levelname)s %(name)s %(message)s"]]


def test_a_server_error_is_written_with_time_level_logger_and_traceback():
    stderr, _ = run_in_production()
    assert re.search(LINE + r"ERROR django\.request Internal Server Error: /people/1/$", stderr, re.M)
    assert "Traceback (most recent call last)" in stderr
    assert "RuntimeError: the database went away" in stderr


def test_log_level_sets_how_much_else_is_kept_but_server_errors_stay():
    quiet, _ = run_in_production(LOG_LEVEL="ERROR")
    assert "ERROR django.request" in quiet and "a warning" not in quiet
    default, _ = run_in_production()
    assert re.search(LINE + "WARNING whatsstrong.people a warning from the application$", default, re.M)
    assert "an information line" not in default
    chatty, _ = run_in_production(LOG_LEVEL="info")
    assert re.search(LINE + "INFO whatsstrong.people an information line from the application$", chatty, re.M)
