"""The 2020-21 yearly report (seed 003), in our own words: the sections the business manager
writes, the training and child death overview panel figures. Reviews, the Section 11 audit and
consultations come from the rest of the demo."""

YEAR = 2020

TEXTS = {
    "foreword": (
        "The Youth Forum meets each term to talk about what matters to children and young "
        "people across the county, and to challenge the partnership to listen to them.\n\n"
        "This year we helped with the consultation on the next Children and Young People's "
        "Plan, which more than 2,500 children and young people took part in, during the "
        "pandemic."
    ),
    "introduction": (
        "This is the partnership's second yearly report and covers April 2020 to March 2021, "
        "the first full year of the new safeguarding arrangements, much of it in lockdown.\n\n"
        "The three statutory partners share the lead for safeguarding children equally, as "
        "Working Together to Safeguard Children (2018) sets out. We thank everyone who worked "
        "under very hard conditions, and restate our commitment to working across agencies."
    ),
    "governance": (
        "The Executive of the three statutory partners leads the partnership. Its subgroups "
        "and boards are where the work is done."
    ),
    "key_developments": (
        "- Strengthened the links between the partnership, the community safety partnership "
        "and the violence reduction unit.\n"
        "- Began the consultation on the next plan for children, young people and families, "
        "to start in April 2022."
    ),
    "reviews": (
        "Agencies completed both of the year's rapid reviews within the 15 working days; "
        "neither led to a local child safeguarding practice review. The rapid review process "
        "will keep being refined."
    ),
    "training": (
        "Training moved online during the pandemic and stayed well attended and highly rated, "
        "with learning from local reviews kept up to date in the courses."
    ),
    "impact": (
        "- Local reviews led to training and resources on needs before birth, and to a "
        "revised pre-birth assessment protocol.\n"
        "- New multi-agency guidance on strategy discussions, with a short animation sent to "
        "everyone who attends one."
    ),
    "young_people": (
        "Youth Forum members, aged 10 to 18, hold the three partners to account. Their first "
        "conversation with the Executive, in October 2020, was about mental health, safe "
        "schools, transport and life after the pandemic."
    ),
    "scrutiny": (
        "The independent scrutineer, in post since January 2020, reports each year to the "
        "three partners. In 2021-22 we will seek further scrutiny from another area, an "
        "expert or a national body."
    ),
    "section11": (
        "Information sharing and safeguarding supervision were generally good. Some voluntary "
        "sector agencies wanted to be more involved in the new arrangements."
    ),
    "cdop": (
        "The county's child death overview panel has merged with its neighbour's, so that "
        "there is a wider pool to learn from."
    ),
    "thanks": (
        "Thank you to our partners, frontline practitioners, and the children, young people "
        "and families who took part in our training, events and consultations in 2020-21."
    ),
}
PRIORITY_TEXT = (
    "Work on this priority went on through the pandemic. Early help stays a priority after "
    "the findings of local reviews; the neglect toolkit was relaunched online; the response to "
    "child exploitation was refreshed with more emphasis on moving into adulthood."
)
PRIORITY_FOCUS = "Refresh the guidance and toolkits, and measure their impact on children."
FIGURES = {
    "training": [{"label": "Staff trained in multi-agency courses", "number": 1051, "percent": 96}],
    "cdop": [
        {
            "label": "Child deaths from the county considered by the panel",
            "number": 16,
            "percent": None,
        }
    ],  # fmt: skip
}
