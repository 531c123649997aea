"""Demo accounts: one for each role, named by role title only."""

from __future__ import annotations

from plans.models import Membership
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS

# --- people ---------------------------------------------------------------------------------
# "demo" accounts get the password DEMO_PASSWORD when asked for (DEBUG or --with-demo-users);
# the others submit the returns of bodies the demo accounts do not cover and never log in.
# "partner" is the organisation the people page shows for them.
ACCOUNTS = [
    {
        "username": "manager",
        "partner": "Somerset County Council",
        "title": "SSCP Business Manager",
        "demo": True,
        "group": BUSINESS_MANAGERS,
        "role": "Business manager",
    },
    {
        "username": "chair",
        "partner": "Somerset County Council",
        "title": "Head of Early Help",
        "demo": True,
        "body": "early-help-strategic-commissioning-board",
        "membership": Membership.Role.CHAIR,
        "role": "Chair, Early Help Strategic Commissioning Board",
    },
    {
        "username": "datalead",
        "partner": "Somerset Clinical Commissioning Group",
        "title": "Health Safeguarding Data Lead",
        "demo": True,
        "body": "health-safeguarding-partnership",
        "membership": Membership.Role.DATA_LEAD,
        "role": "Data lead, Health Safeguarding Partnership",
    },
    {
        "username": "scrutiny",
        "partner": "Somerset County Council",
        "title": "Scrutiny Committee Member",
        "demo": True,
        "group": SCRUTINY_MEMBERS,
        "role": "Scrutiny committee member",
    },
    # The statutory partners' leads, who sign the yearly report (role titles from its 2020-21
    # edition's introduction).
    {
        "username": "partnerlead-council",
        "partner": "Somerset County Council",
        "title": "Director of Children's Services",
        "demo": True,
        "lead_of": "Somerset County Council",
        "role": "Partner lead, Somerset County Council: signs the yearly report",
    },
    {
        "username": "partnerlead-health",
        "partner": "Somerset Clinical Commissioning Group",
        "title": "Director of Quality and Nursing",
        "demo": True,
        "lead_of": "Somerset Clinical Commissioning Group",
        "role": "Partner lead, Somerset Clinical Commissioning Group: signs the yearly report",
    },
    {
        "username": "partnerlead-police",
        "partner": "Avon and Somerset Constabulary",
        "title": "Chief Superintendent",
        "demo": True,
        "lead_of": "Avon and Somerset Constabulary",
        "role": "Partner lead, Avon and Somerset Constabulary: signs the yearly report",
    },
    {
        "username": "maqa-data-lead",
        "title": "SSCP Quality Assurance Officer",
        "body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "membership": Membership.Role.DATA_LEAD,
    },
    {
        "username": "training-data-lead",
        "title": "SSCP Training Coordinator",
        "body": "training-and-workforce-development-subgroup",
        "membership": Membership.Role.DATA_LEAD,
    },
    {
        "username": "ce-data-lead",
        "title": "Child Exploitation Coordinator",
        "body": "child-exploitation-subgroup",
        "membership": Membership.Role.DATA_LEAD,
    },
    {
        "username": "cdop-data-lead",
        "title": "Child Death Review Coordinator",
        "body": "child-death-overview-panel",
        "membership": Membership.Role.DATA_LEAD,
    },
    {
        "username": "cpb-data-lead",
        "title": "Performance Analyst, Children's Services",
        "body": "corporate-parenting-board",
        "membership": Membership.Role.DATA_LEAD,
    },
    {
        "username": "send-data-lead",
        "title": "SEND Performance Lead",
        "body": "send-board",
        "membership": Membership.Role.DATA_LEAD,
    },
]
REVIEWER = "manager"
