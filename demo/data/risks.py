"""The risk register of the 2022-25 plan: the council's corporate risk for safeguarding
children (ORG0009, scored 3 x 5 = 15 in the Cabinet paper of 2019) and two risks to the plan's
priorities, in our own words. Each risk's reviews run oldest first; the last gives its current
scores. The earlier review scores and every date are invented to show a trend."""

import datetime

_d = datetime.date
PLAN = "2022-25"

RISKS = [
    {
        "reference": "ORG0009",
        "title": "Safeguarding children",
        "priority": None,
        "cause": (
            "Improvement in safeguarding practice is not secured and sustained across the "
            "partnership: agencies working apart, gaps in early help, rising demand."
        ),
        "consequence": (
            "Poorer outcomes for children and young people in the county, the council's "
            "ambitions for them missed, and poor findings from regulators' inspections."
        ),
        "owner_role": "Director of Children's Services",
        "owner_body": "sscp-executive",
        "target": (2, 5),
        "existing_controls": (
            "Management actions and mitigations overseen by the Directorate Management Team; "
            "regular monitoring by the Lead Member for Children; the partnership's quarterly "
            "review of progress against the plan."
        ),
        "further_actions": (
            "Complete the multi-agency quality assurance programme for 2024-25 and act on its "
            "findings; report progress to the scrutiny committee each quarter."
        ),
        "review_date": _d(2025, 6, 30),
        "reviews": [
            (_d(2022, 6, 14), 4, 5, "Demand after the pandemic is rising faster than capacity."),
            (_d(2023, 6, 20), 4, 5, "Early help pathway not yet in place across the county."),
            (_d(2024, 3, 19), 3, 5, "Early help pathway live; audits show steadier practice."),
            (_d(2025, 3, 18), 3, 5, "Held at 15: gains are holding but not yet sustained."),
        ],
    },
    {
        "reference": "SSCP-R02",
        "title": "Children at risk of exploitation without a multi-agency plan",
        "priority": 1,
        "cause": (
            "The child exploitation pathway is still being agreed, so identification runs ahead "
            "of planning."
        ),
        "consequence": "Children identified as at risk wait for a coordinated response.",
        "owner_role": "Chair of the Child Exploitation Subgroup",
        "owner_body": "child-exploitation-subgroup",
        "target": (2, 4),
        "existing_controls": "Weekly multi-agency exploitation meeting reviews every new referral.",
        "further_actions": "Agree one multi-agency pathway in the new exploitation strategy.",
        "review_date": _d(2025, 9, 30),
        "reviews": [
            (_d(2024, 4, 16), 4, 4, "Identification up; planning capacity unchanged."),
            (_d(2025, 4, 15), 3, 4, "Weekly meeting in place; pathway still in draft."),
        ],
    },
    {
        "reference": "SSCP-R03",
        "title": "Rapid reviews not completed within 15 working days",
        "priority": 1,
        "cause": "Several serious incidents notified close together, with partners' leave.",
        "consequence": "Learning reaches practice later and the national panel is told late.",
        "owner_role": "Partnership Business Manager",
        "owner_body": "multi-agency-safeguarding-quality-assurance-subgroup",
        "target": (1, 4),
        "existing_controls": "A standing rota of reviewers from each statutory partner.",
        "further_actions": "",
        "review_date": _d(2026, 3, 31),
        "reviews": [
            (_d(2024, 10, 8), 3, 4, "One review in the rolling year ran past 15 working days."),
            (_d(2025, 3, 25), 2, 4, "The rota has kept the last five reviews on time."),
        ],
    },
]
