"""Partners and the governance tree: the bodies that own strategies and report measures."""

from __future__ import annotations

from plans.models import GovernanceBody

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
