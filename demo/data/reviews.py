"""The partnership's reviews and audits of 2020-21, from the annual report, in our own words:
two rapid reviews completed inside 15 working days that did not lead to an LCSPR, two LCSPRs by
an independent author with learning briefings, a multi-agency audit of strategy discussions, the
Section 11 audit (21 agencies) and the national panel's review of sudden unexpected death in
infancy. Dates inside the year are invented; nothing identifies a child or a family."""

import datetime

_d = datetime.date

THEMES = [
    "Early help",
    "Fathers and male carers",
    "Parental mental health and substance misuse",
    "Domestic abuse",
    "Children placed out of area",
    "Neglect",
]

# The Section 11 audit's 21 agencies: the six partners and fifteen more, by kind of agency.
SECTION_11_OTHERS = [
    "Ambulance service",
    "Fire and rescue service",
    "Probation service",
    "Youth offending service",
    "Acute hospital trust (east of the county)",
    "Acute hospital trust (west of the county)",
    "Community and mental health trust",
    "District council (north)",
    "District council (south)",
    "District council (east)",
    "District council (west)",
    "Further education college",
    "Housing association",
    "Children's centre provider",
    "Drug and alcohol service",
]

REVIEWS = [
    {
        "kind": "rapid",
        "title": "Rapid review 2020-21/1: a baby known to early help",
        "lead_body": "partnership-business-group",
        "status": "complete",
        "summary": (
            "Agencies met within the timescale and agreed the learning could be taken forward "
            "without a local practice review: earlier recognition of neglect and better support "
            "where a parent struggles with mental ill health or substance use."
        ),
        "themes": ["Neglect", "Parental mental health and substance misuse"],
        "priorities": [("2019-22", 1)],
        "notified_on": _d(2020, 9, 7),
        "completed_on": _d(2020, 9, 24),
        "decision": "no_lcspr",
        "panel_told_on": _d(2020, 9, 25),
    },
    {
        "kind": "rapid",
        "title": "Rapid review 2020-21/2: a child living with domestic abuse",
        "lead_body": "partnership-business-group",
        "status": "complete",
        "summary": (
            "The review found that fathers and male carers were rarely seen or asked about, and "
            "that the mother alone was expected to keep the children safe. No LCSPR was needed."
        ),
        "themes": ["Domestic abuse", "Fathers and male carers"],
        "priorities": [("2019-22", 1)],
        "notified_on": _d(2021, 1, 11),
        "completed_on": _d(2021, 1, 29),
        "decision": "no_lcspr",
        "panel_told_on": _d(2021, 2, 1),
    },
    {
        "kind": "lcspr",
        "title": "LCSPR: help for very young children before harm",
        "lead_body": "sscp-executive",
        "status": "published",
        "summary": (
            "Looked at how early help assessments and plans worked for a very young child; led "
            "to new training and resources on needs before birth."
        ),
        "themes": ["Early help", "Fathers and male carers"],
        "priorities": [("2019-22", 1)],
        "commissioned_on": _d(2020, 6, 1),
        "author_role": "Independent reviewer commissioned by the partnership",
        "family_involvement": (
            "Family members were invited to take part; some did, by phone and video during "
            "the pandemic."
        ),
        "published_on": _d(2021, 7, 15),
        "briefing_url": "https://sscp.example.org/learning/briefing-very-young-children",
    },
    {
        "kind": "lcspr",
        "title": "LCSPR: a young person placed out of area",
        "lead_body": "sscp-executive",
        "status": "complete",
        "summary": (
            "Looked at how close the home authority stayed to a child placed outside the "
            "county, and whether all their needs were met, above all in education."
        ),
        "themes": ["Children placed out of area"],
        "priorities": [("2019-22", 3)],
        "commissioned_on": _d(2020, 8, 3),
        "author_role": "Independent reviewer commissioned by the partnership",
        "family_involvement": (
            "The family's circumstances made involvement difficult; the author's findings on "
            "this will shape how later reviews involve families."
        ),
        "briefing_url": "https://sscp.example.org/learning/briefing-placed-out-of-area",
    },
    {
        "kind": "audit",
        "title": "Multi-agency audit of strategy discussions",
        "lead_body": "partnership-business-group",
        "status": "published",
        "summary": (
            "Strategy discussions were held promptly but the roles of those taking part were "
            "not always clear; new guidance and a short animation followed."
        ),
        "themes": ["Early help"],
        "priorities": [("2019-22", 1)],
        "commissioned_on": _d(2020, 10, 5),
        "scope": "A sample of recent strategy discussions: who took part, what was decided, why.",
        "partners": [
            "Somerset County Council",
            "Avon and Somerset Constabulary",
            "Somerset Clinical Commissioning Group",
        ],
        "findings": (
            "Timely meetings; attendance by health and education uneven; decisions not always "
            "recorded with their reasons. A further audit in winter 2021 will test the new "
            "guidance."
        ),
    },
    {
        "kind": "section11",
        "title": "Section 11 audit 2020-21",
        "lead_body": "partnership-business-group",
        "status": "published",
        "summary": (
            "Twenty-one agencies took part. Information sharing and safeguarding supervision "
            "were generally good; some voluntary sector agencies wanted to be more involved in "
            "the new partnership arrangements."
        ),
        "themes": [],
        "priorities": [],
        "commissioned_on": _d(2020, 11, 2),
        "scope": "Each agency's own assessment of its safeguarding duties under section 11.",
        "partners": [
            "Somerset County Council",
            "Somerset Clinical Commissioning Group",
            "Avon and Somerset Constabulary",
            "Somerset schools and early years settings",
            "Voluntary and community sector organisations",
            "Somerset Safeguarding Adults Board",
        ],
        "other_agencies": "\n".join(SECTION_11_OTHERS),
        "findings": (
            "Working online during the pandemic made agencies quicker to respond and brought "
            "more parents into child protection conferences. Findings will be tested by "
            "walk-about visits in winter 2021."
        ),
    },
    {
        "kind": "national",
        "title": "National panel review: sudden unexpected death in infancy",
        "lead_body": "health-safeguarding-partnership",
        "status": "published",
        "summary": (
            "The national panel's review of sudden unexpected infant deaths in families where "
            "children were at risk of significant harm; its messages were built into local "
            "training on safer sleep and disrupted routines."
        ),
        "themes": ["Neglect", "Parental mental health and substance misuse"],
        "priorities": [("2019-22", 2)],
        "published_on": _d(2020, 7, 1),
    },
]

# A recommendation of the second rapid review, with actions for two bodies: the early help
# board's is overdue (at risk, with its chair's update), the health partnership's on track.
RECOMMENDATIONS = [
    {
        "review": "Rapid review 2020-21/2: a child living with domestic abuse",
        "text": (
            "Every agency should see and ask about fathers and male carers, and not expect the "
            "mother alone to keep the children safe from a violent partner."
        ),
        "actions": [
            {
                "text": (
                    "Add questions about fathers and male carers to the early help assessment "
                    "and train early help workers to use them."
                ),
                "owner_body": "early-help-strategic-commissioning-board",
                "lead_role": "Head of early help",
                "due_on": _d(2022, 3, 31),
                "status": "at_risk",
                "updates": [
                    (
                        "chair",
                        _d(2022, 2, 14),
                        "The questions are drafted; training is delayed until the new "
                        "assessment form goes live.",
                    ),
                ],
            },
            {
                "text": (
                    "Health visitors and midwives record who else lives in the home and offer "
                    "fathers and male carers their own contact."
                ),
                "owner_body": "health-safeguarding-partnership",
                "lead_role": "Designated nurse for safeguarding children",
                "due_on": _d(2027, 3, 31),
                "status": "on_track",
                "updates": [],
            },
        ],
    },
]
