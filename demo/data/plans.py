"""The three plans and their priorities (the shelves of each bookcase)."""

from __future__ import annotations

from demo.data.common import (
    _d,
)
from plans.models import Plan

# --- plans and priorities -------------------------------------------------------------------

# The source papers give only the 2019-22 plan's forward plan reference; the other two are
# made up in the same form, so that a user reads them as they would their own partnership's.
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
        "decision_reference": "FP/16/02/01",
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
        "decision_reference": "FP/22/02/03",
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
