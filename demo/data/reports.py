"""Progress reports to the scrutiny committee on the 2022-25 plan."""

from __future__ import annotations

import datetime
from typing import Any

from demo.data.common import (
    _at,
    _d,
)

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
    "contact": "sscp.business@example.org",
    "forward_plan_reference": "FP/24/06/02",
}
# Who saw each paper before the committee: (role, seen by, days before the meeting it was
# signed off, or sent when the second is True). Role titles only.
REPORT_SIGN_OFF = [
    ("legal", "County Solicitor", 20, False),
    ("monitoring_officer", "Monitoring Officer", 20, False),
    ("finance", "Service Manager, Corporate Finance", 24, True),
    ("hr", "HR Business Partner, Children's Services", 24, False),
    ("procurement_ict", "Strategic Manager, Procurement", 20, False),
    ("senior_manager", "Director of Children's Services", 18, False),
    ("local_member", "Not applicable: county-wide", None, False),
    ("opposition", "Opposition Spokesperson for Children and Families", 24, True),
    ("scrutiny_chair", "Chair of Scrutiny for Children and Families", 24, True),
    ("cabinet_member", "Lead Member for Children and Families", 24, True),
]


def report_sign_offs(meeting: datetime.date) -> list[dict[str, Any]]:
    """The sign-off table (``REPORT_SIGN_OFF``) of a paper to the meeting on ``meeting``."""
    rows = []
    for role, seen_by, days, sent in REPORT_SIGN_OFF:
        when = meeting - datetime.timedelta(days=days) if days is not None else None
        rows.append(
            {
                "role": role,
                "seen_by": seen_by,
                "signed_on": None if sent else when,
                "sent_on": when if sent else None,
            }
        )
    return rows


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
REPORT_IMPLICATIONS = {
    "financial_implications": (
        "The plan's priorities are met within the **agreed budgets and staffing** of the "
        "council and its partners. This report asks for no new money."
    ),
    "legal_implications": (
        "The partnership's arrangements rest on the duty to co-operate in section 10 of the "
        "Children Act 2004 and on the safeguarding partners' duties under the Children and "
        "Social Work Act 2017. The partners have agreed to review progress against the plan "
        "every quarter."
    ),
    "hr_implications": "This report raises no specific workforce issues.",
    "risk_implications": (
        "The main risk is that the partnership does not secure improvement across its "
        "priorities, so that outcomes for children do not improve and inspections find "
        "weaknesses. The council's corporate risk for safeguarding children is managed by the "
        "directorate management team and watched by the Lead Member."
    ),
    "risk_likelihood": 3,
    "risk_impact": 5,
    "equalities_implications": (
        "The plan asks every partner to tackle inequalities and narrow gaps, paying *due "
        "regard* to the general duty of the Equality Act 2010. Measures are reported for "
        "children with special educational needs and disabilities where the data allow."
    ),
    "other_implications": (
        "The plan's three priorities stand:\n\n"
        "1. Keeping children and young people safe\n"
        "2. Supporting physical, emotional health and resilience\n"
        "3. Enabling children and young people to learn and thrive\n\n"
        "Behind the Plan on a Page, key measures from each associated strategy or plan are "
        "monitored and reported every quarter."
    ),
}
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
            "before. Two measures need the committee's attention:\n\n"
            "- **Exploitation:** the share of children at risk of exploitation who have a "
            "multi-agency plan is 79% against a target of 90% (red), although it has risen "
            "every quarter since it was first reported;\n"
            "- **Mental health:** support seen within four weeks has slipped back and is "
            "amber.\n\n"
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
            "of 2024-25, October to December 2024.\n\n"
            "Before it is published the business manager will:\n\n"
            "1. approve the returns still awaiting review;\n"
            "2. mark any return that will not arrive as *not received*, with a note;\n"
            "3. send the paper for sign-off."
        ),
        "issues": (
            "The committee will be asked to note and comment on:\n\n"
            "- progress against the plan's three priorities in October to December 2024;\n"
            "- the measures rated red or deteriorating."
        ),
        "papers": "",
    },
]
