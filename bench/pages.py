"""The pages the benchmark times: one line each in ``PAGES``.

A page names the account it is requested as (``None``: an anonymous visitor), its URL name and
the URL's arguments, built from ``Targets``, the rows of the current data set each page is
pointed at (the active plan, the open quarter, the strategy with the most measures, ...).

A page whose URL name does not resolve yet (built in another branch), that needs a row the data
set lacks, or that answers with another content type than it should (an export not built yet)
is skipped, and the run lists it as pending. So adding a page is one line here, and the table
works before and after the pages it lists are merged.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone

from assurance.models import Action, Review, Risk
from bench.generated import ROLE_ACCOUNTS
from consultations.models import Consultation
from measures.models import Measure, Return
from measures.selectors import current_period
from plans.models import GovernanceBody, Membership, Plan, ProgressReport
from priorities.models import Strategy
from yearly.models import YearlyReport

FLOOR = "login"
SIGNED_IN_FLOOR = "signed-in floor"
PLAN_ON_A_PAGE = "Plan on a Page"
PUBLISHED_REPORT = "published report"
REPORT_DOWNLOAD = "report Word download"
CSV = "text/csv"
JSON = "application/json"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


class MissingTarget(LookupError):
    """The data set has no row for what a page needs (e.g. no draft return to save)."""


class Targets:
    """The rows pages are pointed at, as attributes (``targets.plan``), and the accounts
    (``targets.users["chair"]``). Reading a row the data set lacks raises MissingTarget."""

    def __init__(self, users: dict[str, Any], **rows: Any):
        self.users = users
        self._rows = rows

    def __getattr__(self, name: str) -> Any:
        rows = self.__dict__.get("_rows", {})
        if name not in rows:
            raise AttributeError(name)
        if rows[name] is None:
            raise MissingTarget(f"the data set has no {name.replace('_', ' ')}")
        return rows[name]


@dataclass(frozen=True)
class Page:
    """One page to time: ``url_name`` reversed with ``kwargs(targets)``, plus ``query``."""

    name: str
    role: str | None
    url_name: str
    kwargs: Callable[[Targets], dict] | None = None
    method: str = "GET"
    data: Callable[[Targets], dict] | None = None  # the POST body, built before each request
    status: int = 200
    content_type: str = "text/html"
    query: str = ""

    def url(self, targets: Targets) -> str:
        """The URL; NoReverseMatch when the URL name does not exist (yet), MissingTarget when
        the data set lacks the row it needs."""
        if not url_name_exists(self.url_name):
            raise NoReverseMatch(f"No URL is named {self.url_name!r}.")
        kwargs = self.kwargs(targets) if self.kwargs else {}
        return reverse(self.url_name, kwargs=kwargs) + self.query


def url_name_exists(name: str) -> bool:
    """Whether a URL pattern is named ``name`` ("app:name"), whatever arguments it takes."""
    resolver = get_resolver()
    *namespaces, view = name.split(":")
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return view in resolver.reverse_dict


def _return_form(targets: Targets) -> dict:
    """The return form's fields for saving the draft again, with its current version."""
    ret = Return.objects.get(pk=targets.draft_return.pk)
    value = ret.value if ret.value is not None else ret.measure.target or 1
    return {
        "value": value,
        "commentary": ret.commentary or "Benchmark draft.",
        "next_steps": ret.next_steps,
        "version": ret.version,
        "action": "draft",
    }


# fmt: off
PAGES: list[Page] = [
    Page(FLOOR, None, "login"),
    Page(SIGNED_IN_FLOOR, "manager", "session_status", content_type=JSON),
    Page("home (manager)", "manager", "home"),
    Page("home (chair)", "chair", "home"),
    Page("home (data lead)", "datalead", "home"),
    Page("home (scrutiny)", "scrutiny", "home"),
    Page("plans list", "scrutiny", "plans:plan_list"),
    Page("plans timeline", "scrutiny", "plans:timeline"),
    Page(PLAN_ON_A_PAGE, "manager", "plans:plan_detail", lambda t: {"slug": t.plan.slug}),
    Page("governance", "manager", "plans:governance"),
    Page("body", "manager", "plans:body_detail", lambda t: {"slug": t.body.slug}),
    Page("strategies list", "manager", "priorities:strategy_list"),
    Page("strategy", "manager", "priorities:strategy_detail", lambda t: {"slug": t.strategy.slug}),
    Page("measure", "manager", "measures:measure_detail", lambda t: {"pk": t.measure.pk}),
    Page("quarters list", "manager", "measures:period_list"),
    Page("collection status", "manager", "measures:period_detail", lambda t: {"pk": t.period.pk}),
    Page("collection CSV export", "manager", "measures:period_detail", lambda t: {"pk": t.period.pk}, content_type=CSV, query="?export=csv"),  # noqa: E501
    Page("My returns", "chair", "measures:my_returns"),
    Page("review queue", "manager", "measures:review_queue"),
    Page("return save", "chair", "measures:return_edit", lambda t: {"measure_pk": t.draft_return.measure_id, "period_pk": t.draft_return.period_id}, method="POST", data=_return_form, status=302),  # noqa: E501
    Page("consultations list", "manager", "consultations:consultation_list"),
    Page("consultation", "manager", "consultations:consultation_detail", lambda t: {"slug": t.consultation.slug}),  # noqa: E501
    Page("reports list", "scrutiny", "plans:report_list"),
    Page(PUBLISHED_REPORT, "scrutiny", "plans:report_detail", lambda t: {"pk": t.report.pk}),
    Page(REPORT_DOWNLOAD, "scrutiny", "plans:report_docx", lambda t: {"pk": t.report.pk}, content_type=DOCX),  # noqa: E501
    Page("report PDF download", "scrutiny", "plans:report_pdf", lambda t: {"pk": t.report.pk}, content_type=PDF),  # noqa: E501
    Page("Word template", "manager", "plans:report_word_template"),
    Page("people list", "manager", "people:list"),
    Page("person", "manager", "people:person", lambda t: {"pk": t.person.pk}),
    Page("make a partner lead", "manager", "people:add_partner_lead", lambda t: {"pk": t.person.pk}),  # noqa: E501
    Page("people audit", "manager", "people:audit"),
    Page("my account", "chair", "people:my_account"),
    Page("notifications inbox", "manager", "notifications:inbox"),
    Page("notification preferences", "chair", "notifications:preferences"),
    Page("e-mail log", "manager", "notifications:email_log"),
    Page("chase late returns", "manager", "measures:period_chase", lambda t: {"pk": t.period.pk}),
    Page("risk register", "scrutiny", "assurance:risk_list"),
    Page("risk", "scrutiny", "assurance:risk_detail", lambda t: {"pk": t.risk.pk}),
    # A word in most generated commentary: the search ranks and counts thousands of rows.
    Page("search (manager)", "manager", "search:results", query="?q=neglect"),
    Page("search (chair)", "chair", "search:results", query="?q=neglect+pathway"),
    Page("search, one kind", "scrutiny", "search:results", query="?q=neglect&kind=returns&page=2"),
    Page("reviews and audits", "manager", "assurance:review_list"),
    Page("review", "manager", "assurance:review_detail", lambda t: {"pk": t.review.pk}),
    Page("action tracker", "manager", "assurance:action_tracker"),
    Page("action tracker of a body", "chair", "assurance:action_tracker"),
    Page("action", "manager", "assurance:action_detail", lambda t: {"pk": t.action.pk}),
    Page("yearly reports list", "scrutiny", "yearly:report_list"),
    Page("yearly report", "scrutiny", "yearly:report_detail", lambda t: {"pk": t.yearly_report.pk}),
    Page("yearly draft", "manager", "yearly:report_detail", lambda t: {"pk": t.yearly_draft.pk}),
    Page("yearly report Word download", "scrutiny", "yearly:report_docx", lambda t: {"pk": t.yearly_report.pk}, content_type=DOCX),  # noqa: E501
    Page("yearly report PDF download", "scrutiny", "yearly:report_pdf", lambda t: {"pk": t.yearly_report.pk}, content_type=PDF),  # noqa: E501
]
# fmt: on


def _most(queryset, relation: str, **filters):
    """The row with the most related ``relation`` rows (matching ``filters``), lowest pk first."""
    condition = Q(**{f"{relation}__{key}": value for key, value in filters.items()})
    count = Count(relation, filter=condition if filters else None)
    return queryset.annotate(n=count).order_by("-n", "pk").first()


def pick_targets(today: datetime.date | None = None) -> Targets:
    """The rows of the current data set that the pages are pointed at, chosen the same way at
    every scale so each page shows a comparable (and large) slice of the data."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLE_ACCOUNTS)}
    plan = Plan.objects.active().first()
    period = current_period(today or timezone.localdate())
    chair_bodies = Membership.objects.filter(user=users.get("chair")).values("body")
    draft_return = (
        Return.objects.filter(
            period=period, status=Return.Status.DRAFT, measure__reporting_body__in=chair_bodies
        )
        .order_by("pk")
        .first()
    )
    return Targets(
        users,
        plan=plan,
        period=period,
        body=_most(GovernanceBody.objects.all(), "measures", active=True),
        strategy=_most(Strategy.objects.all(), "measures", active=True),
        measure=_most(Measure.objects.filter(priority__plan=plan), "returns"),
        consultation=_most(Consultation.objects.all(), "feedback"),
        report=ProgressReport.objects.published()
        .filter(plan=plan)
        .order_by("-period__start_date", "-version")
        .first(),
        draft_return=draft_return,
        person=_most(get_user_model().objects.all(), "memberships"),
        risk=_most(Risk.objects.filter(plan=plan), "reviews"),
        review=_most(Review.objects.all(), "themes"),
        action=_most(Action.objects.all(), "updates"),
        yearly_report=YearlyReport.objects.published().order_by("-financial_year").first(),
        yearly_draft=YearlyReport.objects.filter(status__in=YearlyReport.EDITABLE)
        .order_by("-financial_year", "-version")
        .first(),
    )
