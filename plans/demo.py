"""Demo data: the Somerset partnership, its three plans, the bookcase behind the 2022-25 plan,
two years of quarterly returns and the consultations that shaped the plans.

Facts and figures come from the public papers in ``/work/shared/seeds`` (a Cabinet decision
report, scrutiny reports, the SSCP twelve-monthly report 2020-21 and a press release); the
sentences are our own. People appear only as role titles. Where a figure or date is invented to
make the demo tell a story, its data source or reference says "illustrative".

``load_demo_data`` is idempotent: every row is found by its natural key (a slug, a name,
``(financial_year, quarter)``, ``(measure, period)`` ...) and created only when missing. Rows
that already exist are left as they are, so re-running the loader (``make run`` does on every
start) never undoes what someone changed in the browser and writes no new history.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction

from consultations.models import (
    Commitment,
    CommitmentUpdate,
    Consultation,
    ConsultationDocument,
    EngagementGroup,
    Feedback,
)
from measures.models import Measure, Rag, ReportingPeriod, Return
from plans.models import GovernanceBody, Membership, Partner, Plan
from priorities.models import Priority, Strategy
from sscp import cache_versions
from sscp.roles import BUSINESS_MANAGERS, GROUP_NAMES, SCRUTINY_MEMBERS

DEMO_PASSWORD = "sscp-demo"  # the documented password of the local demo accounts, never prod
DEMO_EMAIL_DOMAIN = "example.org"
CHANGE_REASON = "Demo data (seed_demo)"
ILLUSTRATIVE = "Illustrative – not given in the source papers"
LONDON = ZoneInfo("Europe/London")

_d = datetime.date

# --- partners and governance -----------------------------------------------------------------

PARTNERS = [
    {
        "name": "Somerset County Council",
        "short_name": "SCC",
        "is_statutory": True,
        "lead_role": "Chief Executive, Somerset County Council",
    },
    {
        "name": "Somerset Clinical Commissioning Group",
        "short_name": "CCG",
        "is_statutory": True,
        "lead_role": "Accountable Officer, Somerset Clinical Commissioning Group",
    },
    {
        "name": "Avon and Somerset Constabulary",
        "short_name": "Police",
        "is_statutory": True,
        "lead_role": "Chief Officer, Avon and Somerset Constabulary",
    },
    {
        "name": "Somerset schools and early years settings",
        "short_name": "Education",
        "is_statutory": False,
        "lead_role": "Education safeguarding representative",
    },
    {
        "name": "Voluntary and community sector organisations",
        "short_name": "VCS",
        "is_statutory": False,
        "lead_role": "Representative of the Voluntary and Community Sector Forum",
    },
    {
        "name": "Somerset Safeguarding Adults Board",
        "short_name": "SSAB",
        "is_statutory": False,
        "lead_role": "Board Manager, Somerset Safeguarding Adults Board",
    },
]

# Parents come before their children. "lead_partner" is a partner's name.
BODIES = [
    {
        "slug": "sscp-executive",
        "name": "SSCP Executive",
        "kind": GovernanceBody.Kind.EXECUTIVE,
        "parent": None,
        "lead_partner": None,
        "remit": (
            "The lead representatives of the three statutory safeguarding partners, who share "
            "equal accountability for Somerset's multi-agency safeguarding arrangements. It "
            "receives assurance from the Independent Scrutineer and meets the Youth Forum once a "
            "year."
        ),
    },
    {
        "slug": "partnership-business-group",
        "name": "Partnership Business Group",
        "kind": GovernanceBody.Kind.BUSINESS_GROUP,
        "parent": "sscp-executive",
        "lead_partner": None,
        "remit": (
            "The chairs of the SSCP subgroups, the Corporate Parenting Board and the Early Help "
            "Strategic Commissioning Board. It owns the Children and Young People's Plan for the "
            "Executive and links the partnership to others such as the Safer Somerset "
            "Partnership."
        ),
    },
    {
        "slug": "early-help-strategic-commissioning-board",
        "name": "Early Help Strategic Commissioning Board",
        "kind": GovernanceBody.Kind.BOARD,
        "parent": "partnership-business-group",
        "lead_partner": "Somerset County Council",
        "remit": (
            "Owns the Early Help Strategy: spotting need early, above all for very young "
            "children, and help that includes fathers, male carers and the wider family."
        ),
    },
    {
        "slug": "child-exploitation-subgroup",
        "name": "Child Exploitation Subgroup",
        "kind": GovernanceBody.Kind.SUBGROUP,
        "parent": "partnership-business-group",
        "lead_partner": "Avon and Somerset Constabulary",
        "remit": (
            "Leads the partnership's response to child exploitation as new methods emerge. Its "
            "remit now covers young people with additional vulnerabilities up to 25, so the "
            "Somerset Safeguarding Adults Board and Adult Social Care take part."
        ),
    },
    {
        "slug": "health-safeguarding-partnership",
        "name": "Health Safeguarding Partnership",
        "kind": GovernanceBody.Kind.SUBGROUP,
        "parent": "partnership-business-group",
        "lead_partner": "Somerset Clinical Commissioning Group",
        "remit": (
            "Brings health partners together on safeguarding children, including children's "
            "physical health and their emotional and mental health."
        ),
    },
    {
        "slug": "corporate-parenting-board",
        "name": "Corporate Parenting Board",
        "kind": GovernanceBody.Kind.BOARD,
        "parent": "partnership-business-group",
        "lead_partner": "Somerset County Council",
        "remit": (
            "Holds the council and its partners to account as corporate parents of children in "
            "care and care leavers."
        ),
    },
    {
        "slug": "send-board",
        "name": "SEND Board",
        "kind": GovernanceBody.Kind.BOARD,
        "parent": "partnership-business-group",
        "lead_partner": "Somerset County Council",
        "remit": (
            "Oversees support for children and young people with special educational needs and "
            "disabilities, including the Effective Support guidance."
        ),
    },
    {
        "slug": "child-death-overview-panel",
        "name": "Child Death Overview Panel",
        "kind": GovernanceBody.Kind.PANEL,
        "parent": "partnership-business-group",
        "lead_partner": "Somerset Clinical Commissioning Group",
        "remit": (
            "Reviews the deaths of children so that partners learn from them. The Somerset "
            "panel has merged with the Pan-Dorset panel to learn from a wider pool of cases; the "
            "CCG provides its administrative support."
        ),
    },
    {
        "slug": "training-and-workforce-development-subgroup",
        "name": "Training and Workforce Development Subgroup",
        "kind": GovernanceBody.Kind.SUBGROUP,
        "parent": "partnership-business-group",
        "lead_partner": None,
        "remit": (
            "Runs the self-funding multi-agency safeguarding training offer and is growing into "
            "a Workforce Development Group with its own strategy, including quality assurance of "
            "single-agency training."
        ),
    },
    {
        "slug": "multi-agency-safeguarding-quality-assurance-subgroup",
        "name": "Multi-agency Safeguarding and Quality Assurance Subgroup",
        "kind": GovernanceBody.Kind.SUBGROUP,
        "parent": "partnership-business-group",
        "lead_partner": None,
        "remit": (
            "The partnership's learning and improvement function: multi-agency audits, Section "
            "11 audits, rapid reviews and Child Safeguarding Practice Reviews, the quality of "
            "strategy discussions, and the Neglect Toolkit."
        ),
    },
    {
        "slug": "somerset-youth-forum",
        "name": "Somerset Youth Forum",
        "kind": GovernanceBody.Kind.FORUM,
        "parent": "sscp-executive",
        "lead_partner": None,
        "remit": (
            "Young people aged 10 to 18 from across Somerset. They meet every term and hold the "
            "three safeguarding partners to account in an annual conversation with the "
            "Executive."
        ),
    },
    {
        "slug": "scrutiny-children-and-families-committee",
        "name": "Scrutiny for Policies, Children and Families Committee",
        "kind": GovernanceBody.Kind.COMMITTEE,
        "parent": None,
        "lead_partner": "Somerset County Council",
        "remit": (
            "The County Council's scrutiny committee for children and families. It receives "
            "the quarterly progress reports on the plan."
        ),
    },
]

# --- people ---------------------------------------------------------------------------------

# "demo" accounts get the password DEMO_PASSWORD when asked for (DEBUG or --with-demo-users);
# the others submit the returns of bodies the demo accounts do not cover and never log in.
ACCOUNTS = [
    {
        "username": "manager",
        "title": "SSCP Business Manager",
        "demo": True,
        "group": BUSINESS_MANAGERS,
        "role": "Business manager",
    },
    {
        "username": "chair",
        "title": "Head of Early Help",
        "demo": True,
        "body": "early-help-strategic-commissioning-board",
        "membership": Membership.Role.CHAIR,
        "role": "Chair, Early Help Strategic Commissioning Board",
    },
    {
        "username": "datalead",
        "title": "Health Safeguarding Data Lead",
        "demo": True,
        "body": "health-safeguarding-partnership",
        "membership": Membership.Role.DATA_LEAD,
        "role": "Data lead, Health Safeguarding Partnership",
    },
    {
        "username": "scrutiny",
        "title": "Scrutiny Committee Member",
        "demo": True,
        "group": SCRUTINY_MEMBERS,
        "role": "Scrutiny committee member",
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

# --- plans and priorities -------------------------------------------------------------------

PLANS = [
    {
        "slug": "2016-19",
        "title": "Children and Young People's Plan 2016-19",
        "short_title": "",
        "start_date": _d(2016, 4, 1),
        "end_date": _d(2019, 3, 31),
        "status": Plan.Status.CLOSED,
        "approval_date": _d(2016, 3, 16),
        "approved_by": "County Council Cabinet",
        "decision_reference": ILLUSTRATIVE,
        "predecessor": None,
        "vision": (
            "Keep up the pace of improvement in Somerset's children's services so that families "
            "and communities thrive and every child and young person gets the best possible "
            "start in life."
        ),
    },
    {
        "slug": "2019-22",
        "title": (
            "'Our Plan' – the Somerset Plan for Children, Young People and Families 2019-2022"
        ),
        "short_title": "Our Plan",
        "start_date": _d(2019, 4, 1),
        "end_date": _d(2022, 3, 31),
        "status": Plan.Status.CLOSED,
        "approval_date": _d(2019, 5, 13),
        "approved_by": "County Council Cabinet",
        "decision_reference": "FP/18/12/05",
        "predecessor": "2016-19",
        "vision": (
            "Better outcomes for all children and young people in Somerset – and up to 25 for "
            "care leavers and young people with special educational needs and disabilities – "
            "with partners working together, giving families the tools to help themselves and "
            "stepping in early when help is needed."
        ),
    },
    {
        "slug": "2022-25",
        "title": "Children and Young People's Plan 2022-25",
        "short_title": "",
        "start_date": _d(2022, 4, 1),
        "end_date": _d(2025, 3, 31),
        "status": Plan.Status.ACTIVE,
        "approval_date": _d(2022, 3, 23),
        "approved_by": "SSCP Executive",
        "decision_reference": ILLUSTRATIVE,
        "predecessor": "2019-22",
        "vision": (
            "Safeguarding at the centre of a whole-system partnership that reaches every child, "
            "young person and family in Somerset – those who only use universal services as "
            "well as those who need targeted or specialist help – so that children thrive from "
            "pre-birth to adulthood, safe and free from abuse in all its forms."
        ),
    },
]

# Each plan's priorities in order. "continues" names priorities of earlier plans by
# (plan slug, order).
PRIORITIES = {
    "2016-19": [
        {
            "title": "Supporting children, families and communities to become more resilient",
            "description": (
                "Helping families, and the communities around them, to cope with difficulties "
                "and recover from them."
            ),
        },
        {
            "title": "Promoting healthy outcomes and giving children the best start in life",
            "description": (
                "A healthy start for every child: a good diet, keeping active and early access "
                "to support that prevents ill health."
            ),
        },
        {
            "title": "Improving emotional health and wellbeing",
            "description": (
                "Early support for children's emotional health and wellbeing, which shapes "
                "their health into adulthood."
            ),
        },
        {
            "title": "Building skills for life",
            "description": "Helping children and young people gain the skills adult life needs.",
        },
        {
            "title": "Providing help early and effectively",
            "description": "Spotting needs early and responding well before problems grow.",
        },
        {
            "title": (
                "Achieving effective multi-agency support for more vulnerable children and young "
                "people and developing an excellent children's social work service"
            ),
            "description": (
                "Agencies supporting the most vulnerable children together, and a children's "
                "social work service that keeps improving towards excellent."
            ),
        },
        {
            "title": "Embedding a think family approach across the workforce",
            "description": (
                "Staff in every agency seeing the whole family, parents' own needs included, "
                "when they work with a child."
            ),
        },
    ],
    "2019-22": [
        {
            "title": "Supported Families",
            "description": (
                "Strengthening families and building resilient families. The plan gives "
                "particular attention to parents whose parenting is affected by domestic abuse, "
                "mental ill health or substance misuse."
            ),
            "continues": [("2016-19", 1), ("2016-19", 5), ("2016-19", 6), ("2016-19", 7)],
        },
        {
            "title": "Healthy Lives",
            "description": "Families making the right choices to support happy healthy lifestyles.",
            "continues": [("2016-19", 2), ("2016-19", 3)],
        },
        {
            "title": "Great Education",
            "description": "High aspirations and achievement for all.",
            "continues": [("2016-19", 4)],
        },
        {
            "title": "Positive Activities",
            "description": (
                "Getting the most out of life through play, leisure, cultural and sporting "
                "opportunities."
            ),
            "continues": [("2016-19", 4)],
        },
    ],
    "2022-25": [
        {
            "title": "Keeping children and young people safe",
            "description": (
                "Children and young people are safe at home, in education, online and in their "
                "communities, and are protected from abuse, neglect and exploitation."
            ),
            "continues": [("2019-22", 1)],
        },
        {
            "title": "Supporting physical, emotional health and resilience",
            "description": (
                "Children, young people and families are helped to be physically healthy, "
                "emotionally well and resilient, with support available early."
            ),
            "continues": [("2019-22", 2)],
        },
        {
            "title": "Enabling children and young people to learn and thrive",
            "description": (
                "Children and young people – including children in care, care leavers and those "
                "with special educational needs and disabilities – get what they need to learn, "
                "achieve and thrive into adulthood."
            ),
            "continues": [("2019-22", 3), ("2019-22", 4)],
        },
    ],
}

# --- strategies (the books on the shelves) --------------------------------------------------

QUARTERLY_ROUTE = "Reports quarterly to the Partnership Business Group, then the SSCP Executive"

STRATEGIES = [
    {
        "slug": "early-help-strategy",
        "title": "SSCP Early Help Strategy",
        "owner_body": "early-help-strategic-commissioning-board",
        "lead_role": "Head of Early Help, Somerset County Council",
        "governance_route": QUARTERLY_ROUTE,
        "status": Strategy.Status.PUBLISHED,
        "review_date": _d(2025, 9, 30),
        "summary": (
            "Refreshed in 2020-21 after local practice reviews: identify need early, especially "
            "for very young children; include fathers, male carers and the wider family in "
            "assessments and plans; modular early help training and Team Around the Family "
            "guidance for practitioners."
        ),
        "priorities": [("2022-25", 1), ("2022-25", 2), ("2019-22", 1)],
    },
    {
        "slug": "child-exploitation-strategy",
        "title": "Child Exploitation Strategy",
        "owner_body": "child-exploitation-subgroup",
        "lead_role": "Superintendent, Avon and Somerset Constabulary",
        "governance_route": (
            "Reports to the Partnership Business Group; shared oversight with the Safer Somerset "
            "Partnership and the Violence Reduction Unit"
        ),
        "status": Strategy.Status.IN_DEVELOPMENT,
        "review_date": _d(2025, 6, 30),
        "summary": (
            "A new partnership strategy built on a child exploitation needs assessment carried "
            "out with Research in Practice, with more weight on young people's transition to "
            "adulthood up to the age of 25."
        ),
        "priorities": [("2022-25", 1)],
    },
    {
        "slug": "neglect-strategy-and-toolkit",
        "title": "Neglect Strategy and Toolkit",
        "owner_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "lead_role": "Head of Safeguarding and Quality Assurance, Children's Services",
        "governance_route": QUARTERLY_ROUTE,
        "status": Strategy.Status.UNDER_REVIEW,
        "review_date": _d(2025, 3, 31),
        "summary": (
            "Helps practitioners recognise neglect early and help parents make changes. The "
            "toolkit was relaunched in electronic form during the pandemic and is being "
            "refreshed, as it is not clear how far it is used in practice."
        ),
        "priorities": [("2022-25", 1), ("2022-25", 2), ("2019-22", 1)],
    },
    {
        "slug": "effective-support-for-children-and-families",
        "title": "Effective Support for Children and Families in Somerset",
        "owner_body": "send-board",
        "lead_role": "Assistant Director, Children's Services",
        "governance_route": "Reports to the SEND Board, then the Partnership Business Group",
        "status": Strategy.Status.UNDER_REVIEW,
        "review_date": _d(2025, 12, 31),
        "summary": (
            "The threshold document and the guidance for children and young people with "
            "special educational needs and disabilities, launched at the end of 2020 and being "
            "revised to focus on needs rather than level descriptors."
        ),
        "priorities": [("2022-25", 3), ("2022-25", 1), ("2019-22", 3)],
    },
    {
        "slug": "corporate-parenting-strategy",
        "title": "Corporate Parenting Strategy",
        "owner_body": "corporate-parenting-board",
        "lead_role": "Director of Children's Services",
        "governance_route": (
            "Reports to the Corporate Parenting Board, with an annual report to the SSCP Executive"
        ),
        "status": Strategy.Status.PUBLISHED,
        "review_date": _d(2026, 3, 31),
        "summary": (
            "How the council and its partners act as good parents to children in care and care "
            "leavers: stable homes, suitable accommodation, health, education and work."
        ),
        "priorities": [("2022-25", 3), ("2022-25", 2), ("2019-22", 1), ("2019-22", 3)],
    },
    {
        "slug": "health-safeguarding-and-emotional-wellbeing",
        "title": "Health Safeguarding and Emotional Wellbeing Strategy",
        "owner_body": "health-safeguarding-partnership",
        "lead_role": "Director of Quality and Nursing, Somerset Clinical Commissioning Group",
        "governance_route": QUARTERLY_ROUTE,
        "status": Strategy.Status.PUBLISHED,
        "review_date": _d(2025, 6, 30),
        "summary": (
            "Health partners' shared approach to safeguarding children and to their emotional "
            "and mental health, including health assessments for children in care and learning "
            "from child deaths."
        ),
        "priorities": [("2022-25", 2), ("2019-22", 2)],
    },
    {
        "slug": "workforce-development-strategy",
        "title": "Workforce Development Strategy",
        "owner_body": "training-and-workforce-development-subgroup",
        "lead_role": "SSCP Training Manager",
        "governance_route": QUARTERLY_ROUTE,
        "status": Strategy.Status.IN_DEVELOPMENT,
        "review_date": _d(2025, 3, 31),
        "summary": (
            "Multi-agency safeguarding training kept up to date with local learning, online and "
            "face to face; quality assurance of single-agency training; a region-wide "
            "skills-based offer with Avon and Somerset partners."
        ),
        "priorities": [("2022-25", 1)],
    },
    {
        "slug": "learning-and-improvement-framework",
        "title": "Learning and Improvement Framework",
        "owner_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "lead_role": "SSCP Business Manager",
        "governance_route": (
            "Reports to the Partnership Business Group; assurance to the Executive and the "
            "Independent Scrutineer"
        ),
        "status": Strategy.Status.PUBLISHED,
        "review_date": _d(2025, 9, 30),
        "summary": (
            "The partnership's scrutiny and quality assurance: multi-agency audits, Section 11 "
            "audits and peer challenge, Section 157/175 audits of education providers, rapid "
            "reviews within 15 days, Child Safeguarding Practice Reviews, and the annual "
            "conversation with children and young people."
        ),
        "priorities": [("2022-25", 1), ("2022-25", 3)],
    },
]

# --- measures and their returns -------------------------------------------------------------

# The quarters of the 2022-25 plan. Returns were collected from Q1 2023-24, once the measures
# behind the Plan on a Page had been agreed; the latest quarter is still open.
PERIOD_YEARS = (2022, 2023, 2024)
OPEN_QUARTER = (2024, 4)
RETURN_QUARTERS = tuple((fy, q) for fy in (2023, 2024) for q in (1, 2, 3, 4))
DEADLINE_AFTER_QUARTER_END = datetime.timedelta(weeks=6)

# "values" has one entry per RETURN_QUARTERS quarter: a figure, None (no return) or NOT_AVAILABLE.
# "open_status" is the status of the open quarter's return; closed quarters are approved.
# "notes" gives the commentary and next steps a return carries for the RAG it earns.
NOT_AVAILABLE = "not available"
TWELVE_MONTH_REPORT = "SSCP twelve-monthly report 2020-21"

MEASURES = [
    # 1. Keeping children and young people safe
    {
        "key": "rapid-reviews",
        "priority": 1,
        "strategy": "learning-and-improvement-framework",
        "reporting_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "title": "Rapid reviews completed within the 15-day timescale",
        "definition": (
            "Percentage of rapid reviews in the last 12 months that were completed within 15 "
            "days of the serious incident notification."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "100",
        "target": "100",
        "tolerance": "20",
        "data_source": f"{TWELVE_MONTH_REPORT} (15-day timescale); quarterly figures illustrative",
        "values": ["100", "100", "80", "100", "100", "100", "75", "100"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: ("Every rapid review in the last 12 months met the 15-day timescale.", ""),
            Rag.AMBER: (
                "One review in the rolling year ran past 15 days while partners gathered "
                "chronologies from an agency outside Somerset.",
                "Agree chronology deadlines with every agency on the day a notification is made.",
            ),
            Rag.RED: (
                "One of the four rapid reviews in the rolling year ran past 15 days.",
                "Review the rapid review process with agency leads, as the partnership has "
                "committed to keep refining it.",
            ),
        },
    },
    {
        "key": "section-11",
        "priority": 1,
        "strategy": "learning-and-improvement-framework",
        "reporting_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "title": "Agencies with a completed Section 11 self-assessment",
        "definition": (
            "Number of agencies that have completed a Section 11 (Children Act 2004) "
            "safeguarding self-assessment in the current two-year audit cycle."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "21",
        "target": "25",
        "tolerance": "3",
        "data_source": f"{TWELVE_MONTH_REPORT} (21 agencies); quarterly figures illustrative",
        "values": ["21", "21", "22", "23", "23", "24", "25", "26"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: (
                "Every agency expected in this cycle has completed its self-assessment.",
                "",
            ),
            Rag.AMBER: (
                "A few agencies, mostly from the voluntary sector, have still to complete their "
                "self-assessment.",
                "Offer voluntary sector agencies a support session and follow up each "
                "outstanding return.",
            ),
            Rag.RED: (
                "Completion is behind plan; voluntary sector agencies say they have had little "
                "capacity to engage with the new arrangements.",
                "Write to the safeguarding lead of every outstanding agency and test the findings "
                "through walk-about visits.",
            ),
        },
    },
    {
        "key": "staff-trained",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Staff accessing SSCP multi-agency safeguarding training",
        "definition": (
            "Number of staff from across the workforce who attended SSCP multi-agency training "
            "in the last 12 months (rolling)."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "1051",
        "target": "1100",
        "tolerance": "100",
        "data_source": f"{TWELVE_MONTH_REPORT} (1,051 staff); quarterly figures illustrative",
        "values": ["1012", "1064", "1098", "1131", "1150", "1118", "1087", "1142"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: (
                "Attendance is at or above target, helped by the mix of online and face-to-face "
                "courses.",
                "",
            ),
            Rag.AMBER: (
                "Attendance is a little below target; several courses this quarter were "
                "under-subscribed.",
                "Promote the programme through agency safeguarding leads and add lunchtime "
                "learning sessions.",
            ),
            Rag.RED: (
                "Attendance is well below target.",
                "Review the course programme and its timing with agency leads.",
            ),
        },
    },
    {
        "key": "training-confidence",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Delegates confident that training will improve their practice",
        "definition": (
            "Percentage of delegates who say in the course evaluation that they are confident "
            "the training will have a positive impact on their practice."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "96",
        "target": "95",
        "tolerance": "3",
        "data_source": f"{TWELVE_MONTH_REPORT} (96%); quarterly figures illustrative",
        "values": ["96", "97", "95", "96", "94", "96", "97", "95"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: ("Delegates continue to rate the training highly.", ""),
            Rag.AMBER: (
                "Confidence dipped slightly; evaluations say break-out rooms on online courses "
                "did not work well.",
                "Trainers to agree a standard way of running online break-out activities.",
            ),
            Rag.RED: (
                "Confidence has fallen well below target.",
                "Review course content with the trainers and the delegates' agencies.",
            ),
        },
    },
    {
        "key": "interagency-understanding",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Delegates reporting improved understanding of inter-agency working",
        "definition": (
            "Percentage of delegates who report a better understanding of how agencies work "
            "together to safeguard children after SSCP training."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "79",
        "target": "85",
        "tolerance": "5",
        "data_source": f"{TWELVE_MONTH_REPORT} (79%); quarterly figures illustrative",
        "values": ["78", "80", "81", "83", "84", "86", "85", "87"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("Understanding of how agencies work together has reached target.", ""),
            Rag.AMBER: (
                "Understanding is improving but is still below target.",
                "Add multi-agency case studies from local reviews to every course.",
            ),
            Rag.RED: (
                "Fewer delegates than expected report a better grasp of how agencies work "
                "together.",
                "Redesign course exercises so that delegates from different agencies work "
                "through cases together.",
            ),
        },
    },
    {
        "key": "own-responsibilities",
        "priority": 1,
        "strategy": "workforce-development-strategy",
        "reporting_body": "training-and-workforce-development-subgroup",
        "title": "Delegates reporting improved understanding of their own responsibilities",
        "definition": (
            "Percentage of delegates who report a better understanding of their own "
            "professional safeguarding responsibilities after SSCP training."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "85",
        "target": "90",
        "tolerance": "5",
        "data_source": f"{TWELVE_MONTH_REPORT} (85%); quarterly figures illustrative",
        "values": ["86", "87", "88", "88", "89", "90", "91", "90"],
        "open_status": Return.Status.DRAFT,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Slightly below target.",
                "Strengthen the part of each course on professional duties and escalation.",
            ),
            Rag.RED: (
                "Well below target.",
                "Review the learning outcomes of every course with the trainers.",
            ),
        },
    },
    {
        "key": "ce-plans",
        "priority": 1,
        "strategy": "child-exploitation-strategy",
        "reporting_body": "child-exploitation-subgroup",
        "title": "Children at risk of exploitation with a multi-agency plan",
        "definition": (
            "Percentage of children and young people assessed as at risk of exploitation who "
            "have a current multi-agency plan."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "72",
        "target": "90",
        "tolerance": "10",
        "data_source": "Illustrative: to be confirmed in the new Child Exploitation Strategy",
        "values": [None, None, None, None, "74", "79", "83", "86"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "More children at risk now have a multi-agency plan, but the figure is still "
                "below target.",
                "The subgroup will look at every case without a plan at each meeting.",
            ),
            Rag.RED: (
                "Too many children identified as at risk of exploitation have no multi-agency "
                "plan yet.",
                "Finish the needs assessment and agree one multi-agency pathway in the new "
                "strategy.",
            ),
        },
    },
    # 2. Supporting physical, emotional health and resilience
    {
        "key": "cdop-reviews",
        "priority": 2,
        "strategy": "health-safeguarding-and-emotional-wellbeing",
        "reporting_body": "child-death-overview-panel",
        "title": "Somerset child deaths reviewed by the Child Death Overview Panel",
        "definition": (
            "Number of deaths of Somerset children the panel considered in the quarter. "
            "Monitored, with no target."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.NONE,
        "baseline": "16",
        "target": None,
        "tolerance": "0",
        "data_source": (
            f"{TWELVE_MONTH_REPORT} (16 Somerset child deaths in the year); quarterly figures "
            "illustrative"
        ),
        "values": ["4", "5", "3", "4", "5", "3", "4", None],
        "open_status": None,
        "notes": {
            Rag.NOT_RATED: (
                "The panel considered Somerset cases alongside Dorset cases; its learning is "
                "shared through the Health Safeguarding Partnership.",
                "",
            ),
        },
    },
    {
        "key": "cic-health-assessments",
        "priority": 2,
        "strategy": "health-safeguarding-and-emotional-wellbeing",
        "reporting_body": "health-safeguarding-partnership",
        "title": "Children in care with an up-to-date health assessment",
        "definition": (
            "Percentage of children who have been in care for at least a year whose health "
            "assessment is up to date."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "88",
        "target": "95",
        "tolerance": "5",
        "data_source": "Illustrative: health provider records",
        "values": ["87", "89", "91", "92", "93", NOT_AVAILABLE, "94", "96"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Below target; most late assessments are for children placed outside Somerset.",
                "Agree a tracking process with the health teams where children are placed.",
            ),
            Rag.RED: (
                "Well below target: requests for assessments are reaching health teams late.",
                "Track outstanding assessments weekly between social care and health.",
            ),
        },
    },
    {
        "key": "mh-access",
        "priority": 2,
        "strategy": "health-safeguarding-and-emotional-wellbeing",
        "reporting_body": "health-safeguarding-partnership",
        "title": "Children and young people seen within four weeks of referral for mental health "
        "support",
        "definition": (
            "Percentage of children and young people referred for mental health and wellbeing "
            "support who were seen within four weeks."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "62",
        "target": "75",
        "tolerance": "8",
        "data_source": "Illustrative: mental health provider waiting-time data",
        "values": ["60", "63", "66", "68", "70", "69", "71", "66"],
        "open_status": Return.Status.DRAFT,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Waits are shorter than a year ago, but too many children still wait more than "
                "four weeks.",
                "Widen the early support offer in schools and track waits by area.",
            ),
            Rag.RED: (
                "Too many children and young people wait more than four weeks for mental health "
                "support.",
                "Escalate to the commissioners in the Health Safeguarding Partnership and review "
                "how referrals are triaged.",
            ),
        },
    },
    {
        "key": "eh-needs-met",
        "priority": 2,
        "strategy": "early-help-strategy",
        "reporting_body": "early-help-strategic-commissioning-board",
        "title": "Early help plans closed with the family's needs met",
        "definition": (
            "Percentage of early help plans closed in the quarter because the family's needs "
            "had been met."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "70",
        "target": "80",
        "tolerance": "5",
        "data_source": "Illustrative: early help case management system",
        "values": ["71", "74", "76", "78", "79", "81", "82", "77"],
        "open_status": Return.Status.RETURNED,
        "notes": {
            Rag.GREEN: ("On target: more families leave early help with their needs met.", ""),
            Rag.AMBER: (
                "Below target, though improving as Team Around the Family guidance takes hold.",
                "Audit a sample of plans closed without needs being met.",
            ),
            Rag.RED: (
                "Too many early help plans close before the family's needs are met.",
                "Review closures with lead practitioners and strengthen the step-down process.",
            ),
        },
    },
    {
        "key": "eh-fathers",
        "priority": 2,
        "strategy": "early-help-strategy",
        "reporting_body": "early-help-strategic-commissioning-board",
        "title": "Early help assessments that record the views of fathers or male carers",
        "definition": (
            "Percentage of early help assessments completed in the quarter that record the "
            "views of the child's father or male carer."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "45",
        "target": "70",
        "tolerance": "10",
        "data_source": (
            "Illustrative; prompted by learning from local practice reviews "
            f"({TWELVE_MONTH_REPORT})"
        ),
        "values": ["46", "50", "55", "58", "61", "64", "68", "71"],
        "open_status": Return.Status.DRAFT,
        "notes": {
            Rag.GREEN: ("On target for the first time.", ""),
            Rag.AMBER: (
                "More assessments now include fathers and male carers, after the focus on them "
                "in training and forum weeks.",
                "Keep fathers and male carers in the sample of every early help audit.",
            ),
            Rag.RED: (
                "Fathers and male carers are still missing from too many early help "
                "assessments, as local reviews found.",
                "Add a prompt for fathers and male carers to the assessment form and cover it "
                "in the modular early help training.",
            ),
        },
    },
    # 3. Enabling children and young people to learn and thrive
    {
        "key": "care-leavers-accommodation",
        "priority": 3,
        "strategy": "corporate-parenting-strategy",
        "reporting_body": "corporate-parenting-board",
        "title": "Care leavers in suitable accommodation",
        "definition": "Percentage of care leavers aged 17 to 21 living in suitable accommodation.",
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "96.4",
        "target": "97",
        "tolerance": "2",
        "data_source": f"{TWELVE_MONTH_REPORT} (96.4%); quarterly figures illustrative",
        "values": ["96.1", "95.8", "94.6", "95.5", "96.8", "97.2", "97.4", "97.1"],
        "open_status": Return.Status.APPROVED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Just below target; a few young people are in temporary accommodation while "
                "moves are arranged.",
                "Review each young person in unsuitable accommodation at the monthly panel.",
            ),
            Rag.RED: (
                "Below target after several placements ended at short notice.",
                "Work with housing partners on more supported lodgings.",
            ),
        },
    },
    {
        "key": "care-leavers-eet",
        "priority": 3,
        "strategy": "corporate-parenting-strategy",
        "reporting_body": "corporate-parenting-board",
        "title": "Care leavers in education, employment or training",
        "definition": (
            "Percentage of care leavers aged 17 to 21 in education, employment or training."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "52",
        "target": "60",
        "tolerance": "5",
        "data_source": "Illustrative: children's services case records",
        "values": ["51", "53", "55", "54", "56", "57", "59", "58"],
        "open_status": Return.Status.RETURNED,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Improving, but still below target.",
                "Personal advisers to agree an education or work goal with every young person.",
            ),
            Rag.RED: (
                "Too few care leavers are in education, employment or training.",
                "Ask partner employers for more work placements for care leavers.",
            ),
        },
    },
    {
        "key": "ehc-assessments",
        "priority": 3,
        "strategy": "effective-support-for-children-and-families",
        "reporting_body": "send-board",
        "title": "Education, health and care needs assessments completed within 20 weeks",
        "definition": (
            "Percentage of education, health and care needs assessments completed within the "
            "20-week statutory timescale."
        ),
        "unit": Measure.Unit.PERCENTAGE,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "45",
        "target": "65",
        "tolerance": "10",
        "data_source": "Illustrative: SEND service records",
        "values": ["38", "35", "41", "47", "52", "56", "58", None],
        "open_status": None,
        "notes": {
            Rag.GREEN: ("On target.", ""),
            Rag.AMBER: (
                "Timeliness is improving as new assessment staff take up post.",
                "Keep weekly tracking of every assessment due in the next month.",
            ),
            Rag.RED: (
                "Too few assessments are completed within 20 weeks; requests have risen faster "
                "than capacity.",
                "Agree a recovery plan with health and education partners through the SEND Board.",
            ),
        },
    },
    {
        "key": "cyp-voice",
        "priority": 3,
        "strategy": "learning-and-improvement-framework",
        "reporting_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "title": "Children and young people taking part in SSCP consultation and engagement",
        "definition": (
            "Number of children and young people who took part in partnership consultations, "
            "surveys and engagement events in the last 12 months (rolling)."
        ),
        "unit": Measure.Unit.COUNT,
        "polarity": Measure.Polarity.HIGHER,
        "baseline": "2500",
        "target": "2500",
        "tolerance": "300",
        "data_source": (
            f"{TWELVE_MONTH_REPORT} (over 2,500 took part in the consultation on the 2022-25 "
            "plan); quarterly figures illustrative"
        ),
        "values": ["2350", "2420", "2610", "2700", "2800", "2650", "2540", "2190"],
        "open_status": Return.Status.SUBMITTED,
        "notes": {
            Rag.GREEN: ("Children and young people continue to take part in large numbers.", ""),
            Rag.AMBER: (
                "Slightly fewer took part than the target.",
                "Plan the next survey with the Youth Forum and schools.",
            ),
            Rag.RED: (
                "Fewer took part this year: the big survey of last year has dropped out of the "
                "rolling figure.",
                "Run the next schools survey with the Youth Forum before the summer term ends.",
            ),
        },
    },
]

# Returns that differ from what their measure's values and notes would give.
RETURN_EXCEPTIONS = {
    ("rapid-reviews", 2024, 3): {
        "commentary": "One of the four rapid reviews in the rolling year ran past 15 days.",
        "next_steps": "Confirm with the national panel that the review's learning is on track.",
        "rag": Rag.AMBER,
        "rag_override_reason": (
            "The one late review was extended by agreement with the national panel to await a "
            "parallel criminal investigation; every other review met the timescale."
        ),
    },
    ("cic-health-assessments", 2024, 2): {
        "not_available_reason": (
            "The health provider moved to a new patient record system during the quarter, so "
            "the figure could not be validated in time."
        ),
        "commentary": "The figure will be reported with next quarter's return.",
    },
    ("eh-needs-met", 2024, 4): {
        "commentary": "Lower than last quarter.",
        "next_steps": "To follow.",
        "feedback": (
            "Please explain what lies behind the fall from 82% and what the board will do "
            "about it, so the committee can see whether this is a dip or a trend."
        ),
    },
    ("care-leavers-eet", 2024, 4): {
        "feedback": (
            "The commentary repeats last quarter's. Please say what changed this quarter and "
            "what the board will do next."
        ),
    },
}

# --- consultations ----------------------------------------------------------------------------

ENGAGEMENT_GROUPS = [
    {
        "name": "Somerset UK Youth Parliament Advisory Group",
        "kind": EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE,
        "description": "Young people who advise Somerset's members of the UK Youth Parliament.",
    },
    {
        "name": "The Unstoppables (SEND)",
        "kind": EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE,
        "description": "Young people with special educational needs and disabilities.",
    },
    {
        "name": "CAMHS Participation Group",
        "kind": EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE,
        "description": "Young people who use child and adolescent mental health services.",
    },
    {
        "name": "Somerset In Care Council",
        "kind": EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE,
        "description": "Children in care who speak up for children in care in Somerset.",
    },
    {
        "name": "Somerset Leaving Care Council",
        "kind": EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE,
        "description": "Care leavers who speak up for young people leaving care.",
    },
    {
        "name": "Somerset Parent Carer Forum",
        "kind": EngagementGroup.Kind.PARENTS_CARERS,
        "description": (
            "Parents and carers of children and young people with special educational needs "
            "and disabilities."
        ),
    },
    {
        "name": "Voluntary sector children and young people's organisations",
        "kind": EngagementGroup.Kind.PROFESSIONALS,
        "description": "Voluntary organisations working with children and young people.",
    },
    {
        "name": "The Voluntary and Community Sector Forum",
        "kind": EngagementGroup.Kind.PROFESSIONALS,
        "description": "The forum of Somerset's voluntary and community sector organisations.",
    },
    {
        "name": "Somerset Youth Forum",
        "kind": EngagementGroup.Kind.CHILDREN_YOUNG_PEOPLE,
        "description": (
            "Young people aged 10 to 18 who hold the three safeguarding partners to account "
            "through an annual conversation with the SSCP Executive."
        ),
    },
    {
        "name": "SSCP subgroups and the SEND Board",
        "kind": EngagementGroup.Kind.PROFESSIONALS,
        "description": (
            "The partnership's subgroups and associated boards, such as the SEND Board, which "
            "ratified the priorities young people chose for the 2022-25 plan."
        ),
    },
    {
        "name": "SSCP Safeguarding Forum",
        "kind": EngagementGroup.Kind.PROFESSIONALS,
        "description": (
            "Practitioners and agencies who meet at the partnership's online Safeguarding Forum "
            "weeks, where young people presented their priorities in June 2021."
        ),
    },
]

GROUPS_CONSULTED_IN_2018 = [group["name"] for group in ENGAGEMENT_GROUPS[:8]]

Method = Consultation.Method

# Feedback "priorities" are (plan slug, order); a commitment's "feedback" is the index of the
# feedback item it answers; "updates" are (date, text); "documents" are (title, link, note).
CONSULTATIONS = [
    {
        "slug": "our-plan-consultation-2018",
        "plan": "2019-22",
        "title": "Consultation on 'Our Plan' 2019-22",
        "start_date": _d(2018, 1, 1),
        "end_date": _d(2019, 2, 28),
        "methods": [Method.FOCUS_EVENT, Method.SURVEY, Method.WORKSHOP, Method.ROADSHOW],
        "children_reached": 200,
        "summary": (
            "Over 200 children, young people and parents helped shape 'Our Plan' during 2018. "
            "Four focus events brought young people together with decision makers and "
            "practitioners to work on the priorities young people had chosen, with surveys and "
            "workshops for the wider network of organisations between events. A steering group "
            "of representatives of the groups consulted oversaw the writing of the plan, staff "
            "took part through multi-agency roadshows, and the Scrutiny Committee considered the "
            "draft at three meetings. The Partnership approved the plan on 13 March 2019 and "
            "Cabinet on 13 May 2019."
        ),
        "groups": GROUPS_CONSULTED_IN_2018,
        "documents": [
            (
                "'Our Plan' – the Somerset Plan for Children, Young People and Families 2019-22",
                "",
                "The plan young people helped to write; background paper to the Cabinet decision "
                "of 13 May 2019 (forward plan reference FP/18/12/05).",
            ),
        ],
        "feedback": [
            {
                "said": (
                    "Families want help early, before problems grow, and support that builds "
                    "on their own strengths."
                ),
                "priorities": [("2019-22", 1)],
            },
            {
                "said": (
                    "Parents struggling with domestic abuse, mental ill health or substance "
                    "misuse need help with their parenting too."
                ),
                "priorities": [("2019-22", 1)],
            },
            {
                "said": "Young people want help to make healthy choices and to be happy, too.",
                "priorities": [("2019-22", 2)],
            },
            {
                "said": (
                    "Every child should be expected to do well at school, including children in "
                    "care and those with special educational needs."
                ),
                "priorities": [("2019-22", 3)],
            },
            {
                "said": "There should be more to do: play, leisure, culture and sport.",
                "priorities": [("2019-22", 4)],
            },
            {
                "said": (
                    "Young people want to hold the partners to account for safeguarding, face "
                    "to face, once a year."
                ),
                "priorities": [],
                "not_linked": True,
            },
        ],
        "commitments": [
            {
                "promise": (
                    "Hold a face-to-face conversation between young people and the partnership's "
                    "Executive every year, facilitated by the council's participation workers."
                ),
                "feedback": 5,
                "owner_body": "sscp-executive",
                "due_date": _d(2020, 10, 31),
                "status": Commitment.Status.DONE,
                "updates": [
                    (
                        _d(2019, 11, 15),
                        "The three safeguarding partners agreed the annual conversation as part "
                        "of the new partnership arrangements.",
                    ),
                    (
                        _d(2020, 10, 31),
                        "The first conversation with the Somerset Youth Forum took place in "
                        "October 2020.",
                    ),
                ],
            },
            {
                "promise": (
                    "Review progress against the plan every quarter and report it to the "
                    "Scrutiny Committee."
                ),
                "feedback": None,
                "owner_body": "partnership-business-group",
                "due_date": _d(2022, 3, 31),
                "status": Commitment.Status.DONE,
                "updates": [
                    (
                        _d(2019, 11, 30),
                        "The Partnership Business Group took ownership of the plan under the new "
                        "safeguarding arrangements.",
                    ),
                    (
                        _d(2022, 3, 31),
                        "The plan has ended; its priorities carry forward into the 2022-25 plan.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "youth-forum-annual-conversation-2020",
        "plan": "2019-22",
        "title": "Youth Forum annual conversation with the SSCP Executive, October 2020",
        "start_date": _d(2020, 10, 1),
        "end_date": _d(2020, 10, 31),
        "methods": [Method.ANNUAL_CONVERSATION],
        "children_reached": None,
        "summary": (
            "The Somerset Youth Forum's first annual conversation with the SSCP Executive, in "
            "which young people hold the three safeguarding partners to account. They spoke "
            "about support for mental health and well-being, physical health, safety in schools "
            "and colleges (including knife crime and exploitation), transport links and the "
            "challenge of returning to a post-COVID world. Their views fed into the plan that "
            "followed."
        ),
        "groups": ["Somerset Youth Forum"],
        "documents": [
            (
                "Learning and Good Practice: Hearing the Voices of Young People",
                "",
                "A session young people co-presented at the Safeguarding week in December 2020.",
            ),
            (
                "Youth Forum films: GP safeguarding and the LADO",
                "",
                "Short films the Somerset Youth Forum made in 2020-21; listed in the SSCP "
                "twelve-monthly report 2020-21.",
            ),
        ],
        "feedback": [
            {
                "said": "Support for mental health and well-being should be easier to find and "
                "quicker to get.",
                "priorities": [("2019-22", 2), ("2022-25", 2)],
            },
            {
                "said": "Young people's physical health matters as much as their mental health.",
                "priorities": [("2019-22", 2), ("2022-25", 2)],
            },
            {
                "said": "Schools and colleges must be safe places, free from knife crime and "
                "exploitation.",
                "priorities": [("2022-25", 1), ("2022-25", 3)],
            },
            {
                "said": "Poor transport links make it hard to get to school, work and activities.",
                "priorities": [("2019-22", 4), ("2022-25", 3)],
            },
            {
                "said": "Young people need support to get back to school and everyday life "
                "after the pandemic.",
                "priorities": [("2022-25", 2), ("2022-25", 3)],
            },
        ],
        "commitments": [
            {
                "promise": "Work more closely with schools to create safe environments.",
                "feedback": 2,
                "owner_body": "multi-agency-safeguarding-quality-assurance-subgroup",
                "due_date": _d(2025, 7, 31),
                "status": Commitment.Status.IN_PROGRESS,
                "updates": [
                    (
                        _d(2021, 7, 31),
                        "We helped with a national review of sexual abuse in schools and "
                        "colleges. What it found will shape our work with schools.",
                    ),
                    (
                        _d(2021, 12, 10),
                        "In December 2021 our Safeguarding Forum week helped schools teach "
                        "about healthy relationships.",
                    ),
                    (
                        _d(2024, 11, 20),
                        "Our yearly safety checks of schools now ask how they keep pupils safe "
                        "from knife crime and from being exploited.",
                    ),
                ],
            },
            {
                "promise": "Address mental health and well-being support.",
                "feedback": 0,
                "owner_body": "health-safeguarding-partnership",
                "due_date": _d(2025, 3, 31),
                "status": Commitment.Status.IN_PROGRESS,
                "updates": [
                    (
                        _d(2021, 10, 31),
                        "What young people said about mental health shaped the second priority "
                        "of our 2022-25 plan.",
                    ),
                    (
                        _d(2023, 7, 20),
                        "We now check every three months how long young people wait for "
                        "mental health support.",
                    ),
                ],
            },
            {
                "promise": "Use the Youth Forum's views to write the next plan, to start in "
                "April 2022.",
                "feedback": None,
                "owner_body": "partnership-business-group",
                "due_date": _d(2022, 4, 1),
                "status": Commitment.Status.DONE,
                "updates": [
                    (
                        _d(2021, 10, 31),
                        "The Youth Forum talked about the new plan's priorities with the "
                        "leaders of the partnership.",
                    ),
                    (
                        _d(2022, 4, 1),
                        "The new plan started. Its three priorities are the ones young people "
                        "chose.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "cypp-2022-25-consultation",
        "plan": "2022-25",
        "title": "Consultation on the Children and Young People's Plan 2022-25",
        "start_date": _d(2021, 6, 1),
        "end_date": _d(2021, 10, 31),
        "methods": [
            Method.SURVEY,
            Method.FORUM_WEEK,
            Method.MEETING,
            Method.ANNUAL_CONVERSATION,
        ],
        "children_reached": 2500,
        "summary": (
            "In June 2021 the Partnership Business Group decided to consult widely with children "
            "and young people on the priorities for the next plan, and to ratify them with the "
            "SSCP subgroups and associated groups such as the SEND Board. Over 2,500 children "
            "and young people took part, with the Youth Forum's help, despite the pandemic. "
            "Young people presented their priorities during the online Safeguarding Children "
            "Partnership Forum week in June 2021, and the Youth Forum discussed them with the "
            "Executive in October 2021."
        ),
        "groups": [
            "Somerset Youth Forum",
            "SSCP subgroups and the SEND Board",
            "SSCP Safeguarding Forum",
        ],
        "documents": [
            (
                "Structure chart of the children's safeguarding arrangements, September 2021",
                "https://sscb.safeguardingsomerset.org.uk/wp-content/uploads/"
                "Structure-Chart-Childrens-safeguarding-Arrangements-in-Somerset-Sept-2021.pdf",
                "The subgroups and boards the consultation went through.",
            ),
            (
                "Our Vision",
                "",
                "Background paper 1 to the Scrutiny Committee; ask the SSCP Business Manager.",
            ),
            (
                "Universal Children and Young People's Plan priorities",
                "",
                "Background paper 2 to the Scrutiny Committee; ask the SSCP Business Manager.",
            ),
            (
                "Priorities",
                "",
                "Background paper 3 to the Scrutiny Committee; ask the SSCP Business Manager.",
            ),
        ],
        "feedback": [
            {
                "said": "Being safe – at home, at school, online and in the community – comes "
                "first.",
                "priorities": [("2022-25", 1)],
            },
            {
                "said": "Help with physical health, emotional health and resilience should be "
                "there when it is needed.",
                "priorities": [("2022-25", 2)],
            },
            {
                "said": "Every child and young person should have the chance to learn and to "
                "thrive, whatever their starting point.",
                "priorities": [("2022-25", 3)],
            },
        ],
        "commitments": [
            {
                "promise": "Ratify the priorities young people chose with every SSCP subgroup "
                "before the plan is agreed.",
                "feedback": None,
                "owner_body": "partnership-business-group",
                "due_date": _d(2021, 12, 31),
                "status": Commitment.Status.DONE,
                "updates": [
                    (
                        _d(2021, 10, 31),
                        "The Youth Forum talked about the priorities with the leaders of the "
                        "partnership.",
                    ),
                    (
                        _d(2021, 12, 15),
                        "All the groups that run the plan agreed to the three priorities.",
                    ),
                ],
            },
            {
                "promise": "Report back to the Youth Forum every year on progress against the "
                "2022-25 priorities.",
                "feedback": None,
                "owner_body": "sscp-executive",
                "due_date": _d(2025, 10, 31),
                "status": Commitment.Status.IN_PROGRESS,
                "updates": [
                    (
                        _d(2023, 10, 25),
                        "At the yearly meeting we told the Youth Forum how all three priorities "
                        "are going.",
                    ),
                ],
            },
            {
                "promise": "Publish a version of the Plan on a Page written with and for young "
                "people.",
                "feedback": None,
                "owner_body": "partnership-business-group",
                "due_date": _d(2025, 6, 30),
                "status": Commitment.Status.PLANNED,
                "updates": [],
            },
        ],
    },
]


# --- loading ----------------------------------------------------------------------------------


@dataclass
class SeedReport:
    """What a run of ``load_demo_data`` did, model by model, and the accounts it can log in as."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    labels: list[str] = field(default_factory=list)  # in the order the models were loaded
    # (username, role, password or a note) for each demo account that has a password.
    accounts: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, model: type[models.Model], *, created: bool) -> None:
        label = self.label(model)
        if label not in self.labels:
            self.labels.append(label)
        (self.created if created else self.existing)[label] += 1

    @staticmethod
    def label(model: type[models.Model]) -> str:
        return str(model._meta.verbose_name_plural).capitalize()

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def lines(self) -> list[str]:
        width = max(len(label) for label in self.labels)
        lines = [f"{'':{width}}  created  updated  unchanged"]
        for label in self.labels:
            unchanged = self.existing[label] - self.updated[label]
            lines.append(
                f"{label:{width}}  {self.created[label]:7}  {self.updated[label]:7}  {unchanged:9}"
            )
        return lines


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def _ensure(
    report: SeedReport,
    model: type[models.Model],
    lookup: dict[str, Any],
    defaults: dict[str, Any] | None = None,
    *,
    m2m: dict[str, list[models.Model]] | None = None,
    history_date: datetime.datetime | None = None,
    history_user=None,
) -> tuple[Any, bool]:
    """The row ``lookup`` finds, or a new validated one with ``defaults`` and ``m2m`` links.

    An existing row is returned untouched: re-running the demo writes nothing and records no
    history for rows that are already there.
    """
    try:
        obj = model._default_manager.get(**lookup)
    except model.DoesNotExist:
        obj = model(**lookup, **(defaults or {}))
        obj._change_reason = CHANGE_REASON
        if history_date is not None:
            obj._history_date = history_date
        if history_user is not None:
            obj._history_user = history_user
        obj.full_clean()
        obj.save()
        for name, related in (m2m or {}).items():
            if related:
                getattr(obj, name).add(*related)
        report.count(model, created=True)
        return obj, True
    report.count(model, created=False)
    return obj, False


def _load_groups_and_accounts(report: SeedReport, *, with_passwords: bool, bodies) -> dict:
    user_model = get_user_model()
    groups = {}
    for name in GROUP_NAMES:
        groups[name], created = Group.objects.get_or_create(name=name)
        report.count(Group, created=created)

    users = {}
    for account in ACCOUNTS:
        username = account["username"]
        give_password = with_passwords and account.get("demo", False)
        user = user_model._default_manager.filter(username=username).first()
        if user is None:
            user = user_model(
                username=username,
                first_name=account["title"],
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
            )
            if give_password:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.full_clean()
            user.save()
            report.count(user_model, created=True)
        else:
            report.count(user_model, created=False)
            if give_password and not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                report.updated[report.label(user_model)] += 1
        users[username] = user

        if account.get("group"):
            group = groups[account["group"]]
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
        if account.get("body"):
            _ensure(
                report,
                Membership,
                {"user": user, "body": bodies[account["body"]]},
                {"role": account["membership"], "role_title": account["title"]},
            )
        if give_password:
            # A password someone has since changed is left alone, and not printed.
            password = (
                DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed, left as is)"
            )
            report.accounts.append((username, account["role"], password))
    return users


def _load_governance(report: SeedReport) -> dict[str, GovernanceBody]:
    partners = {}
    for row in PARTNERS:
        values = dict(row)
        partners[row["name"]], _ = _ensure(report, Partner, {"name": values.pop("name")}, values)

    bodies: dict[str, GovernanceBody] = {}
    for row in BODIES:
        values = dict(row)
        slug = values.pop("slug")
        parent = values.pop("parent")
        lead_partner = values.pop("lead_partner")
        values["parent"] = bodies[parent] if parent else None
        values["lead_partner"] = partners[lead_partner] if lead_partner else None
        bodies[slug], _ = _ensure(report, GovernanceBody, {"slug": slug}, values)
    return bodies


def _load_plans(report: SeedReport) -> tuple[dict[str, Plan], dict[tuple[str, int], Priority]]:
    plans: dict[str, Plan] = {}
    for row in PLANS:
        values = dict(row)
        slug = values.pop("slug")
        predecessor = values.pop("predecessor")
        values["predecessor"] = plans[predecessor] if predecessor else None
        plans[slug], _ = _ensure(report, Plan, {"slug": slug}, values)

    priorities: dict[tuple[str, int], Priority] = {}
    for plan_slug, rows in PRIORITIES.items():
        for order, row in enumerate(rows, start=1):
            priorities[plan_slug, order], _ = _ensure(
                report,
                Priority,
                {"plan": plans[plan_slug], "order": order},
                {"title": row["title"], "description": row["description"]},
                m2m={"continues": [priorities[key] for key in row.get("continues", [])]},
            )
    return plans, priorities


def _load_strategies(report: SeedReport, bodies, priorities) -> dict[str, Strategy]:
    strategies = {}
    for row in STRATEGIES:
        values = dict(row)
        slug = values.pop("slug")
        linked = [priorities[key] for key in values.pop("priorities")]
        values["owner_body"] = bodies[values["owner_body"]]
        strategies[slug], _ = _ensure(
            report, Strategy, {"slug": slug}, values, m2m={"priorities": linked}
        )
    return strategies


def _load_periods(report: SeedReport) -> dict[tuple[int, int], ReportingPeriod]:
    periods = {}
    for financial_year in PERIOD_YEARS:
        for quarter in (1, 2, 3, 4):
            start, end = ReportingPeriod.quarter_dates(financial_year, quarter)
            periods[financial_year, quarter], _ = _ensure(
                report,
                ReportingPeriod,
                {"financial_year": financial_year, "quarter": quarter},
                {
                    "start_date": start,
                    "end_date": end,
                    "deadline": end + DEADLINE_AFTER_QUARTER_END,
                    "is_open": (financial_year, quarter) == OPEN_QUARTER,
                },
            )
    return periods


def _return_timeline(period: ReportingPeriod, index: int) -> tuple[datetime.datetime, ...]:
    """When a return was started, submitted and reviewed: spread over the weeks after the
    quarter ends, each measure on its own day, all before the deadline."""
    created = _at(period.end_date + datetime.timedelta(days=7 + index % 5), 9, 30)
    submitted = _at(created.date() + datetime.timedelta(days=9 + index % 3), 15)
    reviewed = _at(submitted.date() + datetime.timedelta(days=3 + index % 4), 11)
    return created, submitted, reviewed


def _load_measures(report: SeedReport, priorities, strategies, bodies, periods, users) -> None:
    reporters = {
        account["body"]: users[account["username"]]
        for account in ACCOUNTS
        if account.get("membership") in Membership.REPORTING_ROLES
    }
    reviewer = users[REVIEWER]
    plan_slug = "2022-25"
    for index, row in enumerate(MEASURES):
        priority = priorities[plan_slug, row["priority"]]
        measure, _ = _ensure(
            report,
            Measure,
            {"priority": priority, "title": row["title"]},
            {
                "strategy": strategies[row["strategy"]],
                "reporting_body": bodies[row["reporting_body"]],
                "definition": row["definition"],
                "unit": row["unit"],
                "polarity": row["polarity"],
                "baseline": Decimal(row["baseline"]),
                "target": Decimal(row["target"]) if row["target"] is not None else None,
                "tolerance": Decimal(row["tolerance"]),
                "data_source": row["data_source"],
            },
        )
        reporter = reporters[row["reporting_body"]]
        for quarter_key, raw_value in zip(RETURN_QUARTERS, row["values"], strict=True):
            if raw_value is None:
                continue
            status = row["open_status"] if quarter_key == OPEN_QUARTER else Return.Status.APPROVED
            _load_return(
                report,
                measure=measure,
                period=periods[quarter_key],
                raw_value=raw_value,
                status=status,
                notes=row["notes"],
                exception=RETURN_EXCEPTIONS.get((row["key"], *quarter_key), {}),
                reporter=reporter,
                reviewer=reviewer,
                index=index,
            )


def _load_return(
    report, *, measure, period, raw_value, status, notes, exception, reporter, reviewer, index
) -> None:
    not_available = raw_value == NOT_AVAILABLE
    value = None if not_available else Decimal(raw_value)
    calculated_rag = measure.rag_for(value)
    rag = exception.get("rag", calculated_rag)
    commentary, next_steps = notes.get(rag, ("", ""))
    created_at, submitted_at, reviewed_at = _return_timeline(period, index)
    submitted = status != Return.Status.DRAFT
    reviewed = status in (Return.Status.APPROVED, Return.Status.RETURNED)
    last_step = reviewed_at if reviewed else submitted_at if submitted else created_at
    ret, created = _ensure(
        report,
        Return,
        {"measure": measure, "period": period},
        {
            "value": value,
            "not_available": not_available,
            "not_available_reason": exception.get("not_available_reason", ""),
            "calculated_rag": calculated_rag,
            "rag": rag,
            "rag_override_reason": exception.get("rag_override_reason", ""),
            "commentary": exception.get("commentary", commentary),
            "next_steps": exception.get("next_steps", next_steps),
            "status": status,
            "feedback": exception.get("feedback", ""),
            "created_by": reporter,
            "submitted_by": reporter if submitted else None,
            "submitted_at": submitted_at if submitted else None,
            "reviewed_by": reviewer if reviewed else None,
            "reviewed_at": reviewed_at if reviewed else None,
        },
        history_date=last_step,
        history_user=reviewer if reviewed else reporter,
    )
    if created:
        # created_at and updated_at are set by the database clock; give them the story's dates.
        stamps = {"created_at": created_at, "updated_at": last_step}
        Return.objects.filter(pk=ret.pk).update(**stamps)
        Return.history.filter(id=ret.pk).update(**stamps)
        cache_versions.bump(cache_versions.MEASURES)  # update() sends no signals


def _load_consultations(report: SeedReport, plans, priorities, bodies, users) -> None:
    groups = {}
    for row in ENGAGEMENT_GROUPS:
        values = dict(row)
        groups[row["name"]], _ = _ensure(
            report, EngagementGroup, {"name": values.pop("name")}, values
        )

    author = users[REVIEWER]
    for row in CONSULTATIONS:
        consultation, _ = _ensure(
            report,
            Consultation,
            {"slug": row["slug"]},
            {
                "plan": plans[row["plan"]],
                "title": row["title"],
                "start_date": row["start_date"],
                "end_date": row["end_date"],
                "methods": [str(method) for method in row["methods"]],
                "summary": row["summary"],
                "children_reached": row["children_reached"],
            },
            m2m={"groups": [groups[name] for name in row["groups"]]},
        )
        for order, (title, url, note) in enumerate(row["documents"], start=1):
            _ensure(
                report,
                ConsultationDocument,
                {"consultation": consultation, "title": title},
                {"url": url, "note": note, "order": order},
            )
        feedback = []
        for order, item in enumerate(row["feedback"], start=1):
            said, _ = _ensure(
                report,
                Feedback,
                {"consultation": consultation, "order": order},
                {"said": item["said"], "not_linked": item.get("not_linked", False)},
                m2m={"priorities": [priorities[key] for key in item["priorities"]]},
            )
            feedback.append(said)
        for item in row["commitments"]:
            commitment, _ = _ensure(
                report,
                Commitment,
                {"consultation": consultation, "promise": item["promise"]},
                {
                    "feedback": feedback[item["feedback"]]
                    if item["feedback"] is not None
                    else None,
                    "owner_body": bodies[item["owner_body"]],
                    "due_date": item["due_date"],
                    "status": item["status"],
                },
            )
            for day, text in item["updates"]:
                _ensure(
                    report,
                    CommitmentUpdate,
                    {"commitment": commitment, "date": day},
                    {"text": text, "author": author},
                    history_date=_at(day, 12),
                    history_user=author,
                )


@transaction.atomic
def load_demo_data(*, with_passwords: bool) -> SeedReport:
    """Create whatever part of the demo data is missing; never change or duplicate a row.

    ``with_passwords`` gives the demo accounts (manager, chair, datalead, scrutiny) the password
    DEMO_PASSWORD; without it new accounts get an unusable password, and existing ones keep
    theirs. The accounts that only submit other bodies' returns never get a password.
    """
    report = SeedReport()
    bodies = _load_governance(report)
    users = _load_groups_and_accounts(report, with_passwords=with_passwords, bodies=bodies)
    plans, priorities = _load_plans(report)
    strategies = _load_strategies(report, bodies, priorities)
    periods = _load_periods(report)
    _load_measures(report, priorities, strategies, bodies, periods, users)
    _load_consultations(report, plans, priorities, bodies, users)
    _load_reports(report, plans, periods, users)
    return report


# --- progress reports to the scrutiny committee (issue 5) -------------------------------------

# Reports on the 2022-25 plan, built and published through the same services the business
# manager uses, so that each published paper's snapshot is what publishing makes. Their sections
# follow the scrutiny paper in seeds/000; meeting and publication dates are illustrative.
STRUCTURE_CHART_URL = (
    "https://sscb.safeguardingsomerset.org.uk/wp-content/uploads/"
    "Structure-Chart-Childrens-safeguarding-Arrangements-in-Somerset-Sept-2021.pdf"
)
REPORT_FRONT = {
    "committee": "Scrutiny for Policies, Children and Families Committee",
    "lead_officer": "Assistant Director, Children's Services",
    "author": "SSCP Business Manager",
    "cabinet_member": "Lead Member for Children and Families",
    "divisions": "All (county-wide implications)",
}
REPORT_BACKGROUND = (
    "The safeguarding arrangements set out in Working Together to Safeguard Children (2018) took "
    "effect in Somerset on 29 September 2019. The three statutory safeguarding partners – "
    "Somerset County Council, the NHS commissioning body and Avon and Somerset Constabulary – "
    "share an equal duty to work together to safeguard and promote the welfare of every child "
    "in the county.\n\n"
    "The 2022-25 plan puts safeguarding at its centre while taking a whole-system approach: it "
    "is for the children, young people and families who only use universal services as well as "
    "for those who need targeted or specialist help. The 'Plan on a Page' works like a "
    "bookcase: each priority is a shelf, and on it stand the strategies that deliver it, each "
    "owned by an accountable board or subgroup with a named lead role."
)
REPORT_CONSULTATIONS = (
    "The plan's priorities came from children and young people. In June 2021 the Partnership "
    "Business Group decided to consult them widely and to ratify what they said with the SSCP "
    "subgroups and associated groups such as the SEND Board. Young people presented their "
    "priorities during the online Safeguarding Children Partnership Forum week in June 2021, "
    "and the Youth Forum, which holds the SSCP Executive to account through an annual "
    "conversation, discussed them with the Executive in October 2021.\n\n"
    "The consultations held for the plan and the partnership's commitments to children and "
    "young people, with where each stands, are listed below."
)
REPORT_IMPLICATIONS = (
    "The plan's three priorities stand: keeping children and young people safe; supporting "
    "physical, emotional health and resilience; and enabling children and young people to "
    "learn and thrive.\n\n"
    "Behind the Plan on a Page, key measures from each associated strategy or plan are "
    "monitored and reported every quarter. The priorities are met within the partners' agreed "
    "budgets and staffing, so this report raises no specific financial or workforce "
    "implications. The partners continue to manage their safeguarding risks through their own "
    "management teams."
)
REPORTS = [
    {
        "quarter": (2024, 1),
        "meeting_date": _d(2024, 9, 11),
        "published_at": _at(_d(2024, 8, 28), 10),
        "summary": (
            "This report tells the committee how the Somerset Safeguarding Children "
            "Partnership's Children and Young People's Plan 2022-25 progressed in the first "
            "quarter of 2024-25, April to June 2024. The plan is the over-arching partnership "
            "plan for children in Somerset: it co-ordinates what partners do together to "
            "improve outcomes for children, young people and their families.\n\n"
            "The figures come from the quarterly returns of the boards and subgroups that own "
            "the strategies behind each priority, as approved by the SSCP Business Manager."
        ),
        "issues": (
            "The Scrutiny for Policies, Children and Families Committee is asked to note and "
            "comment on:\n"
            "- progress against the plan's three priorities in April to June 2024 (section 4);\n"
            "- the measures rated red or deteriorating, and what the accountable bodies will do "
            "about them (section 5)."
        ),
        "papers": (
            "Structure chart: children's safeguarding arrangements in Somerset, September 2021 "
            f"{STRUCTURE_CHART_URL}\n"
            "The Children and Young People's Plan 2022-25: Plan on a Page"
        ),
    },
    {
        "quarter": (2024, 2),
        "meeting_date": _d(2024, 12, 4),
        "published_at": _at(_d(2024, 11, 20), 10),
        "summary": (
            "This report tells the committee how the Somerset Safeguarding Children "
            "Partnership's Children and Young People's Plan 2022-25 progressed in the second "
            "quarter of 2024-25, July to September 2024. The plan is the over-arching "
            "partnership plan for children in Somerset: it co-ordinates what partners do "
            "together to improve outcomes for children, young people and their families.\n\n"
            "Half of the plan's measures are green this quarter, more than in the quarter "
            "before. One measure is red: the share of children at risk of exploitation who "
            "have a multi-agency plan is 79% against a target of 90%, although it has risen "
            "every quarter since it was first reported. Mental health support seen within four "
            "weeks has slipped back and is amber.\n\n"
            "Links to the County Plan: the plan discharges the partnership's responsibility to "
            "promote the welfare of and safeguard all children in Somerset, and supports the "
            "County Vision of partners working together for children and families, with a "
            "focus on those most in need of safeguarding."
        ),
        "issues": (
            "The Scrutiny for Policies, Children and Families Committee is asked to note and "
            "comment on:\n"
            "- progress against the plan's three priorities in July to September 2024, set out "
            "by priority in section 4;\n"
            "- the measures rated red or deteriorating, and what the accountable bodies will do "
            "about them (section 5);\n"
            "- the status of the commitments the partnership made to children and young people "
            "(section 7)."
        ),
        "papers": (
            "Structure chart: children's safeguarding arrangements in Somerset, September 2021 "
            f"{STRUCTURE_CHART_URL}\n"
            "The Children and Young People's Plan 2022-25: Plan on a Page\n"
            "Progress report on the plan for the first quarter of 2024-25"
        ),
    },
    {
        "quarter": (2024, 3),
        "meeting_date": _d(2025, 3, 5),
        "published_at": None,  # still being written
        "summary": (
            "This report will tell the committee how the plan progressed in the third quarter "
            "of 2024-25, October to December 2024."
        ),
        "issues": "",
        "papers": "",
    },
]


def _load_reports(report: SeedReport, plans, periods, users) -> None:
    from plans.models import ProgressReport
    from plans.report_services import report_create, report_publish, report_update
    from sscp import cache_versions

    manager = users[REVIEWER]
    plan = plans["2022-25"]
    for row in REPORTS:
        period = periods[row["quarter"]]
        if ProgressReport.objects.filter(plan=plan, period=period).exists():
            report.count(ProgressReport, created=False)
            continue
        draft = report_create(plan=plan, period=period, user=manager)
        draft = report_update(
            report=draft,
            user=manager,
            expected_version=draft.lock_version,
            changes={
                **REPORT_FRONT,
                "meeting_date": row["meeting_date"],
                "summary": row["summary"],
                "issues_for_consideration": row["issues"],
                "background": REPORT_BACKGROUND,
                "consultations_undertaken": REPORT_CONSULTATIONS,
                "implications": REPORT_IMPLICATIONS,
                "background_papers": row["papers"],
            },
        )
        if row["published_at"] is not None:
            published = report_publish(
                report=draft, user=manager, expected_version=draft.lock_version
            )
            # The paper was published on the story's date, not today.
            ProgressReport.objects.filter(pk=published.pk).update(published_at=row["published_at"])
            ProgressReport.history.filter(id=published.pk, status="published").update(
                published_at=row["published_at"]
            )
            cache_versions.bump(cache_versions.REPORTS)  # update() sends no signal
        report.count(ProgressReport, created=True)
