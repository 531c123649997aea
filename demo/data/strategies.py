"""The strategies that stand on the 2022-25 plan's shelves (the books)."""

from __future__ import annotations

from demo.data.common import (
    _d,
)
from priorities.models import Strategy

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
