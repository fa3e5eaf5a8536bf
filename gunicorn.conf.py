"""gunicorn's settings: `gunicorn` run from the project folder reads this file.

    gunicorn --bind 0.0.0.0:8000 --workers 2

The access log goes to stdout and the server's own messages (workers starting, timing out or
failing) to stderr, in the shape of the application's log lines (LOGGING in whatsstrong/settings.py):
time, level, logger name, message, and the traceback of an exception. `--log-level` still sets how
much of the server's own messages is kept; WEB_CONCURRENCY or `--workers` sets the processes.
"""

import os

wsgi_app = "whatsstrong.wsgi:application"

# The path without its query string, and no referrer: a search for a person's name stays out of the log.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"standard": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "standard"},
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "standard"},
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "WARNING").upper()},
    "loggers": {
        # No level here, so gunicorn's own --log-level (info by default) still applies.
        "gunicorn.error": {"handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "propagate": False},
    },
}
