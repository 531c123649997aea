"""Fixtures shared by every test folder: one user per role, clients logged in as them, and a
check that the database itself refuses a row."""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import IntegrityError, connection, models, transaction
from django.test import Client

from tests.factories import (
    GovernanceBodyFactory,
    ManagerFactory,
    ScrutinyFactory,
    UserFactory,
    chair_of,
    data_lead_of,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: database ids come round again between tests, and
    a value kept under a report's own id must not outlive the test that made it."""
    cache.clear()
    yield
    cache.clear()


# --- people -----------------------------------------------------------------------------------


@pytest.fixture
def manager(db):
    """A partnership business manager."""
    return ManagerFactory()


@pytest.fixture
def scrutiny(db):
    """A scrutiny committee member."""
    return ScrutinyFactory()


@pytest.fixture
def chair_body(db):
    return GovernanceBodyFactory(name="Early Help Subgroup")


@pytest.fixture
def chair(chair_body):
    """The chair of ``chair_body``."""
    return chair_of(chair_body)


@pytest.fixture
def datalead_body(db):
    return GovernanceBodyFactory(name="Child Exploitation Subgroup")


@pytest.fixture
def datalead(datalead_body):
    """The data lead of ``datalead_body``."""
    return data_lead_of(datalead_body)


@pytest.fixture
def no_role_user(db):
    """A user who can log in but belongs to no group and no body."""
    return UserFactory()


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a test client logged in as ``user``."""

    def logged_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return logged_in


# --- database constraints ---------------------------------------------------------------------


def _constraint_named(name: str) -> tuple[type[models.Model], models.BaseConstraint]:
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name:
                return model, constraint
    raise LookupError(f"No model declares a constraint named {name!r}.")


@pytest.fixture
def violates(db):
    """``with violates("constraint_name"): <write>`` expects the database to refuse the write
    because of that constraint.

    PostgreSQL names the constraint in its error; SQLite names a check constraint but reports a
    unique one by its columns, so those are checked instead.
    """

    @contextmanager
    def refused_by(name: str):
        model, constraint = _constraint_named(name)
        with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
            yield
        message = str(excinfo.value)
        if connection.vendor == "sqlite" and isinstance(constraint, models.UniqueConstraint):
            table = model._meta.db_table
            columns = [model._meta.get_field(f).column for f in constraint.fields]
            assert message == "UNIQUE constraint failed: " + ", ".join(
                f"{table}.{column}" for column in columns
            ), message
        else:
            assert name in message, message

    return refused_by


@pytest.fixture
def client_as(client_for, manager, scrutiny, chair, datalead, no_role_user):
    """``client_as(role)``: a client for "anonymous", "no_role", "manager", "scrutiny",
    "chair" or "datalead"."""
    users = {
        "manager": manager,
        "scrutiny": scrutiny,
        "chair": chair,
        "datalead": datalead,
        "no_role": no_role_user,
    }

    def make(role: str) -> Client:
        return Client() if role == "anonymous" else client_for(users[role])

    return make


# --- e-mail -----------------------------------------------------------------------------------


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost that the service's e-mail goes to; ``.inbox`` holds what
    arrived."""
    from tests.smtp import SmtpServer

    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    yield server
    server.stop()
