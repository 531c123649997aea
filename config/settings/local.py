"""Local development: DEBUG on, an SQLite file unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-development-only-not-secret")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo's business manager signs in without two-factor (a banner says production requires it);
# SSCP_REQUIRE_MANAGER_TWO_FACTOR=true turns the requirement on here too.
SSCP_REQUIRE_MANAGER_TWO_FACTOR = env_bool("SSCP_REQUIRE_MANAGER_TWO_FACTOR", False)
