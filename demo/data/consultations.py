"""Engagement groups, consultations, what children and young people told us, and what the
partnership promised back."""

from __future__ import annotations

from consultations.models import (
    Commitment,
    Consultation,
    EngagementGroup,
)
from demo.data.common import (
    _d,
)

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
