"""Settings shared by every environment; values that differ come from the environment."""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "", environ=os.environ) -> list[str]:
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "sscp",
    "plans",
    "priorities",
    "measures",
    "consultations",
    "assurance",
    "reports",
    "yearly",
    "bookcase",
    "people",
    "notifications",
    "search",
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "sscp.text.ControlCharacterMiddleware",  # after the CSRF check: posted text XML can hold
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "sscp.security.PrivatePagesMiddleware",
    "sscp.security.RefusalLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sscp.idle.IdleTimeoutMiddleware",  # after messages: it says why it signed someone out
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.middleware.TwoFactorRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles queries whose estimated cost is high (counting the returns of
    # every quarter): 30-40 ms of compiling for queries that run in a few. Off, as is usual for
    # short queries serving pages (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A shared cache when REDIS_URL is set (several app servers share cached pages), else each
# process's own memory. Either is correct: cached pages are keyed by data versions read from
# the database on every request (sscp.cache), so no process serves a stale page.
# What a cached page may differ by between two readers: their roles (sscp.cache).
# The risk register's bands: the lowest likelihood x impact score of each (assurance.models).
SSCP_RISK_BANDS = [(1, "Low"), (5, "Medium"), (10, "High"), (16, "Very high")]

SSCP_CACHE_AUDIENCE = "plans.roles.audience"
# ... and for pages no body's rules change (manager / scrutiny / reporter / none).
SSCP_CACHE_AUDIENCE_KIND = "plans.roles.audience_kind"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "sscp"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sscp",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    }
# Each process's own memory keeps only pages up to this size (a larger page is built when
# asked): 500 entries of at most 256 KB bound a worker's cache at 125 MB. Redis has its own
# memory limit (maxmemory with allkeys-lru; docs/deployment.md).
SSCP_LOCAL_CACHE_MAX_BYTES = int(os.environ.get("SSCP_LOCAL_CACHE_MAX_BYTES", str(256 * 1024)))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",  # sign in by e-mail address too
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockouts (sscp.sign_in): at most 10 failed sign-ins for one username from one address
# within 5 minutes, then that username at that address waits 5 minutes; attempts while locked
# are refused without being counted, so they cannot stretch the lockout. Across usernames, one
# address may fail SSCP_ADDRESS_FAILURE_LIMIT times in the same 5 minutes (password spraying).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 5 / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "sscp.sign_in.SignInAttempts"
AXES_USERNAME_CALLABLE = "sscp.sign_in.username_tried"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
SSCP_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SSCP_ADDRESS_FAILURE_LIMIT", "30"))
# The client's address (sscp.security.client_address), which lockouts and the security log use:
# on connections from DJANGO_TRUSTED_PROXIES (the load balancer's addresses or networks,
# comma-separated) the address the proxy put in X-Forwarded-For, else REMOTE_ADDR. Of the
# DJANGO_PROXY_COUNT proxies in front of the app servers (1: the balancer alone), the last one's
# address is the connection's, so django-ipware skips one proxy fewer in the header.
SSCP_TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in SSCP_TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a mistyped address stops the start, loudly
AXES_CLIENT_IP_CALLABLE = "sscp.security.client_address"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR",)
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1")) - 1
# Wrong current passwords on the password change page, per person (sscp.sign_in).
SSCP_PASSWORD_CHANGE_FAILURE_LIMIT = 5
SSCP_PASSWORD_CHANGE_COOLOFF = datetime.timedelta(minutes=15)

# --- accounts (django-allauth; README "People and sign-in") ---------------------------------------
# People sign in with their username or e-mail address and a password, or with their
# organisation's single sign-on; nobody signs themselves up (people.accounts.AccountAdapter):
# a business manager invites them. Password reset answers the same whether or not the address is
# known, and is rate-limited by allauth per address and per e-mail.
ACCOUNT_ADAPTER = "people.accounts.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "people.accounts.SingleSignOnAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old one once confirmed from it
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "SSCP Plans: "
ACCOUNT_USER_DISPLAY = "sscp.people.person_name"  # messages name people, never by login name
ACCOUNT_RATE_LIMITS = {
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "5/m/user",
    "manage_email": "10/m/user",
    "login_failed": False,  # django-axes counts failed sign-ins (sscp.sign_in)
}
# Two-factor sign-in: an authenticator app (TOTP) with recovery codes. Business managers must
# turn it on at their first sign-in (people.middleware) unless SSCP_REQUIRE_MANAGER_TWO_FACTOR is
# off, which only the local demo does, with a banner saying production requires it.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SSCP Plans"
MFA_RECOVERY_CODE_COUNT = 10
SSCP_REQUIRE_MANAGER_TWO_FACTOR = env_bool("SSCP_REQUIRE_MANAGER_TWO_FACTOR", True)
# Single sign-on: one OpenID Connect sign-in per partner (Microsoft Entra ID for the council, the
# NHS body and the police), configured from the environment and shown on the sign-in page only
# when configured. SSCP_SSO_PARTNERS lists the ids (e.g. "council,nhs,police"); for each id:
# SSCP_SSO_<ID>_NAME (shown as "Sign in with <name>"), _ISSUER (e.g.
# https://login.microsoftonline.com/<tenant>/v2.0), _CLIENT_ID, _SECRET, _DOMAINS (the e-mail
# domains its people may sign in with, comma-separated).
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matched by people.accounts, verified e-mail only
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False


def single_sign_on_apps(environ) -> list[dict]:
    """allauth's APPS entries for the partners configured in the environment."""
    apps = []
    for partner in env_list("SSCP_SSO_PARTNERS", environ=environ):
        prefix = f"SSCP_SSO_{partner.upper()}_"
        apps.append(
            {
                "provider_id": partner.lower(),
                "name": environ.get(prefix + "NAME", partner),
                "client_id": environ[prefix + "CLIENT_ID"],
                "secret": environ[prefix + "SECRET"],
                "settings": {
                    "server_url": environ[prefix + "ISSUER"],
                    "allowed_domains": env_list(prefix + "DOMAINS", environ=environ),
                    "oauth_pkce_enabled": True,
                    "token_auth_method": "client_secret_post",
                },
            }
        )
    return apps


SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": single_sign_on_apps(os.environ)}}

# Sessions end after SSCP_IDLE_MINUTES without a request (sscp.security.IdleTimeoutMiddleware),
# and after 8 hours whatever happens; a page warns two minutes before the idle end.
SSCP_IDLE_MINUTES = int(os.environ.get("SSCP_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files people upload (the Word template of committee papers): through ``default_storage``, so
# production can point STORAGES["default"] at a bucket instead of this folder.
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "sscp-plans@localhost")
EMAIL_TIMEOUT = 10  # seconds; a mail server that hangs fails the attempt and the outbox retries
# The address of the site as people reach it, for links in e-mails (return reminders).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")
# The partnership's name: the sender's name on every e-mail, and in e-mails' signatures.
SSCP_PARTNERSHIP_NAME = os.environ.get(
    "SSCP_PARTNERSHIP_NAME", "Somerset Safeguarding Children Partnership"
)
# E-mail written during a request goes in a thread of its own once the change commits, so no
# page waits on the mail server (sscp.mail); the outbox worker retries what fails.
SSCP_SEND_EMAIL_IN_BACKGROUND = True
# The unread count in every page's header (filled in per request on cached pages).
SSCP_CACHE_BELL = "notifications.selectors.unread_count"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "sscp": {"handlers": ["console"], "level": "INFO"},
        # Failed sign-ins and refused (403) requests: user, method, path, address.
        "sscp.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING"},
        "django.security": {"handlers": ["console"], "level": "WARNING"},
    },
}
