"""The sections of the yearly report, in the order of the partnership's published reports, and
the four contents statutory guidance requires each report to have.

A section is WRITTEN (text by the business manager), FILLED (the product fills it from the
reviews register or the consultations, with an optional written introduction; when there is
nothing for the year the written text stands alone), FIGURES (a small table entered for the
year, with an optional introduction) or a PRIORITY (one per priority of the plan in force:
narrative, the year's measures, areas with little or no progress, focus for next year).
"""

from __future__ import annotations

from dataclasses import dataclass

WRITTEN, FILLED, FIGURES, PRIORITY = "written", "filled", "figures", "priority"
PRIORITY_PREFIX = "priority-"
FOCUS_SUFFIX = "-focus"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    kind: str
    hint: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("foreword", "Foreword", WRITTEN, "Written by the Youth Forum, in their own words."),
    Section(
        "introduction",
        "Introduction",
        WRITTEN,
        "From the three statutory partners' leads, who sign the report.",
    ),
    Section(
        "governance",
        "Governance and leadership",
        WRITTEN,
        "How the partnership is organised; the list of its bodies follows.",
    ),
    Section("key_developments", "Key developments", WRITTEN),
    Section(
        "reviews",
        "Rapid reviews and local child safeguarding practice reviews",
        FILLED,
        "The reviews of the year come from the reviews register.",
    ),
    Section(
        "learning",
        "Partnership learning",
        FILLED,
        "The learning themes of the year's reviews and audits come from the register.",
    ),
    Section(
        "training",
        "Multi-agency training",
        FIGURES,
        "Enter each course or measure with the number who attended and the percentage "
        "confident afterwards.",
    ),
    Section("impact", "Impact of the partnership's work", WRITTEN),
    Section(
        "young_people",
        "Young people's involvement",
        FILLED,
        "The consultations of the year, what children and young people said and the "
        "commitments made to them come from the consultations.",
    ),
    Section("scrutiny", "Independent scrutiny", WRITTEN),
    Section(
        "section11",
        "Section 11 audit",
        FILLED,
        "The year's Section 11 audits and the agencies taking part come from the register.",
    ),
    # the plan's priorities stand here, one section each
    Section(
        "cdop",
        "Child death overview panel",
        FIGURES,
        "Enter the panel's figures for the year, e.g. deaths reviewed.",
    ),
    Section("thanks", "Thanks", WRITTEN),
)
BY_KEY = {section.key: section for section in SECTIONS}
PRIORITIES_AFTER = "section11"
FIGURE_SECTIONS = ("training", "cdop")


def priority_key(priority_id: int) -> str:
    return f"{PRIORITY_PREFIX}{priority_id}"


def focus_key(key: str) -> str:
    return f"{key}{FOCUS_SUFFIX}"


@dataclass(frozen=True)
class Requirement:
    """One of the four contents statutory guidance requires; ``sections`` are the keys that
    carry it (``"priorities"`` standing for every priority's section)."""

    title: str
    sections: tuple[str, ...]


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("Evidence of impact, training included", ("impact", "training")),
    Requirement("Analysis of areas with little or no progress", ("priorities",)),
    Requirement("Decisions and actions on local and national practice reviews", ("reviews",)),
    Requirement("How feedback from children and families was sought and used", ("young_people",)),
)
