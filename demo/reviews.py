"""The demo's reviews register (``demo/data/reviews.py``): the learning themes and each review,
created when missing, never changed when present."""

from __future__ import annotations

from assurance import services
from assurance.models import LearningTheme, Review
from demo.data.common import CHANGE_REASON
from demo.data.reviews import REVIEWS, THEMES
from plans.models import Partner

LINKED = ("themes", "priorities", "partners")


def load_reviews(count, *, priorities, bodies) -> None:
    """Create the demo's themes and reviews that are missing, calling
    ``count(model, created=...)`` for each (the loader's report)."""
    themes = {}
    for name in THEMES:
        themes[name], created = LearningTheme.objects.get_or_create(name=name)
        count(LearningTheme, created=created)
    partners = {partner.name: partner for partner in Partner.objects.all()}
    for row in REVIEWS:
        if Review.objects.filter(title=row["title"]).exists():
            count(Review, created=False)
            continue
        values = {key: value for key, value in row.items() if key not in LINKED}
        values["lead_body"] = bodies[row["lead_body"]]
        review = Review(**values)
        review._change_reason = CHANGE_REASON
        services.review_create(
            review=review,
            links={
                "themes": [themes[name] for name in row["themes"]],
                "priorities": [priorities[key] for key in row["priorities"]],
                "partners": [partners[name] for name in row.get("partners", [])],
            },
        )
        count(Review, created=True)
