"""Settings for the test suite: production settings, served over plain HTTP, fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 50)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import jinja2  # noqa: E402
from whatsstrong.settings import *  # noqa: E402,F403

# A template that uses a name its view does not give fails the test instead of showing nothing.
TEMPLATES[0]["OPTIONS"]["undefined"] = jinja2.StrictUndefined  # noqa: F405

# The test server and the browser talk plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Hashing strength is not under test here, and Argon2 would slow every sign-in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files straight from the source folders; tests never run collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests sign in as administrators with force_login and the sign-in form; the two-factor tests
# switch this back on for themselves (production keeps it on: settings.py).
TWO_FACTOR_ADMINISTRATORS = False
