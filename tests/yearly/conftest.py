"""A partnership with three statutory partners, each with a lead, an active plan with a
priority and a measure, and a yearly report for 2023-24 started by the manager."""

import pytest

from plans.models import PartnerLead
from tests.factories import (
    MeasureFactory,
    PartnerFactory,
    PlanFactory,
    PriorityFactory,
    UserFactory,
)
from yearly import services


@pytest.fixture
def partners(db):
    return [
        PartnerFactory(name=name, statutory=True, lead_role=role)
        for name, role in (
            ("County Council", "Director of Children's Services"),
            ("Health Board", "Director of Nursing"),
            ("Police", "Chief Superintendent"),
        )
    ]


@pytest.fixture
def leads(partners):
    people = []
    for partner in partners:
        user = UserFactory(username=f"lead-{partner.pk}", first_name="Lead", last_name=partner.name)
        PartnerLead.objects.create(partner=partner, user=user)
        people.append(user)
    return people


@pytest.fixture
def plan(db):
    plan = PlanFactory(active=True, slug="2022-25")
    priority = PriorityFactory(plan=plan, order=1, title="Early help")
    MeasureFactory(priority=priority, title="Early help assessments")
    return plan


@pytest.fixture
def report(manager, plan, partners):
    return services.yearly_create(financial_year=2023, user=manager)


def complete(report, manager):
    """Fill the four required contents, and return the report as saved."""
    from sscp.editing import last_change_id

    priority = report_priorities(report)
    for key, kwargs in (
        ("impact", {}),
        ("training", {"rows": [{"label": "Staff trained", "number": 1051, "percent": 96}]}),
        ("reviews", {}),
        ("young_people", {}),
        *((key, {"focus": "Refresh the toolkit."}) for key in priority),
    ):
        report.refresh_from_db()
        report = services.yearly_section_update(
            report=report,
            key=key,
            text=f"What happened: {key}.",
            user=manager,
            seen_change=last_change_id(report),
            **kwargs,
        )
    report.refresh_from_db()
    return report


def report_priorities(report):
    from yearly.sections import priority_key
    from yearly.selectors import year_data

    return [priority_key(p.pk) for p in year_data(report.financial_year).priorities]
