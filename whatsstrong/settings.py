"""Settings, all from environment variables.

The defaults are the safe production ones: DEBUG is off, cookies are secure and a real
SECRET_KEY must be given. `make run` sets DEBUG=1 for the local demo on SQLite.
"""

import os
from pathlib import Path

import dj_database_url
import django.forms
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "whatsstrong.core",
    "whatsstrong.people",
    "whatsstrong.conversations",
    "whatsstrong.assessments",
    "whatsstrong.plans",
    "whatsstrong.risk",
    "whatsstrong.safeguarding",
    "whatsstrong.directory",
    "whatsstrong.forums",
    "whatsstrong.surveys",
    "whatsstrong.coach",
    "whatsstrong.prompts",
    "whatsstrong.audits",
    "whatsstrong.storyboards",
    "whatsstrong.governance",
    "whatsstrong.supervision",
    "whatsstrong.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files keep their long cache; every other response is no-store.
    "whatsstrong.core.middleware.no_store",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed two-factor (django-otp)?
    "django_otp.middleware.OTPMiddleware",
    # Staff who need two-factor reach nothing else until they have set it up and used it.
    "whatsstrong.core.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "whatsstrong.core.gate.ReasonNeededMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "whatsstrong.urls"
WSGI_APPLICATION = "whatsstrong.wsgi.application"

# The project's own templates (pages, and the GOV.UK form fields) are Jinja2, in jinja2/ and each
# app's jinja2/: see whatsstrong/templating.py for why. Django's template language is configured only
# for the admin's own templates.
CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "whatsstrong.core.context.navigation",
    "whatsstrong.core.context.drafts",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # Django's own Jinja2 widget templates draw the controls inside our GOV.UK field templates.
        "DIRS": [BASE_DIR / "jinja2", Path(django.forms.__file__).parent / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "whatsstrong.templating.environment",
            "context_processors": CONTEXT_PROCESSORS,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]
FORM_RENDERER = "whatsstrong.core.forms.GovukFormRenderer"

# SQLite by default so the product runs with no services; PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'whatsstrong.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# Behind PgBouncer in transaction pooling, a server-side cursor may land on another server connection
# than the one that opened it: DB_DISABLE_SERVER_SIDE_CURSORS=1 (and DB_CONN_MAX_AGE=0) there.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept between requests (CONN_MAX_AGE above) on SQLite too: when the last
    # connection to a WAL database closes, SQLite copies the log back into the file and syncs it
    # to disk, which cost about 12 ms on every request under gunicorn.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets pages be read while a save is being written; IMMEDIATE takes the write
        # lock at the start of a transaction so two saves queue instead of failing midway.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
# Every case record belongs to a person; core's gate reads them with this (see core/gate.py).
CASE_RECORD_LOADER = "whatsstrong.people.queries.person_with_team"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "whatsstrong.core.backends.StaffBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# After repeated wrong passwords for a username from one address, that username is locked from that
# address for a cool-off period, on every sign-in page including the admin's. The pair stops anyone
# guessing from where they are without handing them a lock-out: locking a username from everywhere
# let anyone lock a named colleague out, and locking an address would lock out a whole office
# behind one council address. The sign-in and lock-out pages state both figures (core/signin.py).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "whatsstrong.core.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "whatsstrong.core.signin.client_address"
AXES_RESET_ON_SUCCESS = True

# Behind a TLS proxy (a load balancer or web server in front of the app) every request comes from
# the proxy's address: the client's is the one the proxy adds to X-Forwarded-For. TLS_PROXY_COUNT
# says how many proxies in a row each add one; the header is read only when BEHIND_TLS_PROXY is set.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
TLS_PROXY_COUNT = int(os.environ.get("TLS_PROXY_COUNT", "1"))
if TLS_PROXY_COUNT < 1:
    raise ImproperlyConfigured("Set TLS_PROXY_COUNT to the number of proxies in front of the app: 1 or more.")

# An idle session ends after an hour; long writing is kept as a draft (see core.drafts).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "3600"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE = not DEBUG
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
# The load balancer's health check may come over plain HTTP to the host itself (core/health.py).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "whatsstrong" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Logs go to stderr, where a process manager or container platform keeps them: each line with its
# time, level and logger name, and an exception with its traceback. Django's defaults print only with
# DEBUG on and email errors only to ADMINS, so with DEBUG off an unhandled exception would reach no one;
# here Django's loggers hand everything to the one stderr handler instead. LOG_LEVEL sets how much is
# kept (WARNING by default: server errors, 4xx answers, the application's warnings). gunicorn.conf.py
# gives the server's own lines the same shape.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"standard": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "standard"},
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # runserver's line for each request (`make run`); gunicorn writes its own access log.
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# An API token stops working this many days after it is issued, unless issued for another term
# (manage.py issue_api_token --days N), so a forgotten token does not work for ever.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))

# Break-glass access to a restricted record lasts this long before a new reason is asked.
RESTRICTED_ACCESS_MINUTES = int(os.environ.get("RESTRICTED_ACCESS_MINUTES", "60"))

# The author of a case note may correct it for this long; after that changes are addenda.
CASE_NOTE_CORRECTION_HOURS = int(os.environ.get("CASE_NOTE_CORRECTION_HOURS", "24"))

# Signing off a fuller assessment plans the person's first review this many months later (the Care
# Act statutory guidance expects a plan to be reviewed no later than every 12 months).
REVIEW_FIRST_MONTHS = int(os.environ.get("REVIEW_FIRST_MONTHS", "12"))

# Single sign-on with OpenID Connect (mozilla-django-oidc; docs/operations.md says how to set it up
# with Microsoft Entra ID). Off unless the client id, secret and the provider's endpoints are all
# given; `manage.py oidc_discover <issuer>` prints the endpoint lines from the provider's discovery
# document. Staff are matched by the provider's subject (User.oidc_subject, set by an administrator);
# nobody is ever created by signing in.
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = "openid"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "core:oidc_callback"
OIDC_ENABLED = all(
    [OIDC_ISSUER, OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT]
) and bool(OIDC_OP_JWKS_ENDPOINT)
# The name the sign-in button gives the organisation's sign-in, e.g. "your council account".
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "your organisation's account")
OIDC_BACKEND = "whatsstrong.core.oidc.StaffOIDCBackend"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append(OIDC_BACKEND)

# With LOCAL_PASSWORDS off, the sign-in page offers only single sign-on and passwords are refused
# everywhere (the admin's sign-in too), except for the administrators named in
# LOCAL_PASSWORD_ADMINS: a way in when the identity provider is down or wrongly set up. They always
# need two-factor as well.
LOCAL_PASSWORDS = env_bool("LOCAL_PASSWORDS", True)
LOCAL_PASSWORD_ADMINS = env_list("LOCAL_PASSWORD_ADMINS")
if not LOCAL_PASSWORDS and not OIDC_ENABLED:
    raise ImproperlyConfigured("LOCAL_PASSWORDS is off, so set up single sign-on (OIDC_...) for anyone to sign in.")

# Two-factor (TOTP through django-otp, with recovery codes) for staff who sign in with a password.
# Administrators need it unless TWO_FACTOR_ADMINISTRATORS is off; TWO_FACTOR_EVERYONE asks it of
# every role. Staff signed in through single sign-on use their organisation's own second factor.
TWO_FACTOR_ADMINISTRATORS = env_bool("TWO_FACTOR_ADMINISTRATORS", True)
TWO_FACTOR_EVERYONE = env_bool("TWO_FACTOR_EVERYONE", False)
# The issuer name authenticator apps show beside the account.
OTP_TOTP_ISSUER = os.environ.get("TWO_FACTOR_ISSUER", "What's Strong")
TWO_FACTOR_RECOVERY_CODES = 10
# Experience survey invitations by email, where the organisation sets up mail: the sender's address
# (empty: no email, letters only) and Django's email backend and server, all from the environment.
SURVEY_EMAIL_FROM = os.environ.get("SURVEY_EMAIL_FROM", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
