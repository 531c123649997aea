"""Data sets for the benchmark: the demo (x1) and a generated partnership of any scale.

``generate_partnership(scale)`` builds a partnership shaped like the demo, with the same four
accounts (``manager``, ``chair``, ``datalead``, ``scrutiny``) and the same open quarter
(Q4 2024-25, the last quarter of the active 2022-25 plan), so every page can be pointed at the
same kind of row at every scale. Sizes grow with the scale (``Sizes.for_scale``); scale 50 gives
about 6 plans, 150 strategies, 2,500 measures, 30,000 returns, 500 users and 100 consultations.

Rows are written with ``bulk_create`` in one transaction, so generation takes seconds. That
skips ``save()``: django-simple-history records no history for them (benchmark data needs none)
and ``full_clean()`` is not run; the database constraints still check every row. Generated
accounts have an unusable password: the benchmark logs in with ``force_login`` or a session.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db import transaction

from bench.figures import PartnershipBuilder, snapshot_of
from bench.generated import (
    Generated,
    london_time,
)
from measures.models import ReportingPeriod
from plans.models import Plan, ProgressReport
from plans.roles import BUSINESS_MANAGERS
from sscp import cache
from yearly.models import YearlyReport


def generate_partnership(scale: int) -> Generated:
    """Write a generated partnership of ``scale`` times the demo's size into an empty database."""
    started = time.perf_counter()
    with transaction.atomic():
        generated = PartnershipBuilder(scale).build()
        cache.bump(*cache.AREAS)  # bulk_create sends no signals
    generated.seconds = time.perf_counter() - started
    return generated


# --- the demo, a published report and a yearly draft for it --------------------------------


def ensure_published_report() -> ProgressReport | None:
    """A published report on the active plan: the newest one, or one made for the benchmark
    (for the latest closed quarter with returns) when the demo has none. None if no plan is
    active or no quarter has returns."""
    plan = Plan.objects.active().first()
    if plan is None:
        return None
    existing = ProgressReport.objects.published().filter(plan=plan).first()
    if existing is not None:
        return existing
    period = (
        ReportingPeriod.objects.filter(
            is_open=False,
            returns__measure__priority__plan=plan,
            start_date__gte=plan.start_date,
        )
        .distinct()
        .order_by("-start_date")
        .first()
    )
    if period is None:
        return None
    manager = get_user_model().objects.filter(groups__name=BUSINESS_MANAGERS).first()
    version = 1 + ProgressReport.objects.filter(plan=plan, period=period).count()
    report = ProgressReport(
        plan=plan,
        period=period,
        version=version,
        summary="Progress against the plan's priorities this quarter (made by the benchmark).",
        status=ProgressReport.Status.PUBLISHED,
        published_at=london_time(period.deadline),
        published_by=manager,
    )
    report.snapshot = snapshot_of(report)
    report.save()
    return report


def ensure_yearly_draft() -> YearlyReport | None:
    """A yearly report being written, for the draft page's line: the newest one, or else a
    correction started on the newest published report (the demo publishes 2020-21 and writes
    no draft). None when no yearly report is published."""
    existing = (
        YearlyReport.objects.filter(status__in=YearlyReport.EDITABLE)
        .order_by("-financial_year", "-version")
        .first()
    )
    if existing is not None:
        return existing
    published = YearlyReport.objects.published().order_by("-financial_year").first()
    if published is None:
        return None
    return YearlyReport.objects.create(
        financial_year=published.financial_year,
        version=published.version + 1,
        texts=dict(published.texts or {}),
        figures=dict(published.figures or {}),
        supersedes=published,
        change_note="Started by the benchmark, to time a draft's page.",
    )
