"""Test settings: fast hashing, in-memory e-mail, static files served without a manifest."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads never land in the checkout; tests that upload point it at their own tmp_path.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "sscp-test-media"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests use each process's own memory, whatever REDIS_URL says (the Redis test builds its own).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
SSCP_SEND_EMAIL_IN_BACKGROUND = False  # tests/sscp/test_mail.py turns it on
SSCP_PAGE_CACHE = False  # tests read response.context; tests/sscp/test_page_cache.py turns it on
# Business managers' two-factor enrolment is tested where it is turned on (tests/people/).
SSCP_REQUIRE_MANAGER_TWO_FACTOR = False
# A cached page reading an area it does not name in page_cache_areas fails (sscp.cache).
SSCP_PAGE_CACHE_CHECK_AREAS = True
