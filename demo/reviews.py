"""The demo's reviews register (``demo/data/reviews.py``): the learning themes, each review and
a recommendation with its actions, created when missing, never changed when present."""

from __future__ import annotations

from assurance import services
from assurance.models import Action, ActionUpdate, LearningTheme, Recommendation, Review
from demo.data.common import CHANGE_REASON, _at
from demo.data.reviews import RECOMMENDATIONS, REVIEWS, THEMES
from plans.models import Partner

LINKED = ("themes", "priorities", "partners")


def load_reviews(count, *, priorities, bodies, users) -> None:
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
    for row in RECOMMENDATIONS:
        review = Review.objects.get(title=row["review"])
        if review.recommendations.filter(text=row["text"]).exists():
            count(Recommendation, created=False)
            continue
        recommendation = services.recommendation_create(
            recommendation=Recommendation(review=review, text=row["text"])
        )
        count(Recommendation, created=True)
        for values in row["actions"]:
            action = services.action_create(
                action=Action(
                    recommendation=recommendation,
                    text=values["text"],
                    owner_body=bodies[values["owner_body"]],
                    lead_role=values["lead_role"],
                    due_on=values["due_on"],
                    status=values["status"],
                )
            )
            count(Action, created=True)
            for username, day, text in values["updates"]:
                ActionUpdate.objects.create(
                    action=action,
                    status=action.status,
                    text=text,
                    written_by=users[username],
                    written_at=_at(day, 10),
                )
                count(ActionUpdate, created=True)
