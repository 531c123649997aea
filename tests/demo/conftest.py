import pytest
from django.db import transaction

from tests.demo.seeding import seed


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The demo, seeded once for a test module in a transaction rolled back after its last
    test; each test (``db``) runs in a savepoint inside it, so what one test changes is undone
    before the next. Seeding takes seconds: once a module instead of once a test. A module
    using it must not also hold tests that expect an empty database (see
    test_seed_command.py)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)
