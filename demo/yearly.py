"""The demo's partner leads and its published 2020-21 yearly report (``demo/data/yearly.py``),
made through the same services as in the browser: written, sent for sign-off, signed by the
three partners' leads and published. Created when missing, never changed when present."""

from __future__ import annotations

from demo.data.people import ACCOUNTS, REVIEWER
from demo.data.yearly import FIGURES, PRIORITY_FOCUS, PRIORITY_TEXT, TEXTS, YEAR
from plans.models import Partner, PartnerLead
from plans.roles import forget_roles
from sscp.editing import last_change_id
from yearly import services
from yearly.models import YearlyReport
from yearly.selectors import statutory_partners, year_data


def load_yearly(count, *, users) -> None:
    """Make each demo partner lead the lead of their partner, then the 2020-21 report."""
    leads = {}
    for account in ACCOUNTS:
        if not account.get("lead_of"):
            continue
        user = users[account["username"]]
        partner = Partner.objects.get(name=account["lead_of"])
        _, created = PartnerLead.objects.get_or_create(partner=partner, user=user)
        forget_roles(user)
        count(PartnerLead, created=created)
        leads[partner.pk] = user
    if YearlyReport.objects.filter(financial_year=YEAR).exists():
        count(YearlyReport, created=False)
        return
    manager = users[REVIEWER]
    report = services.yearly_create(financial_year=YEAR, user=manager)
    sections = [(key, text, None, FIGURES.get(key)) for key, text in TEXTS.items()]
    sections += [
        (f"priority-{priority.pk}", PRIORITY_TEXT, PRIORITY_FOCUS, None)
        for priority in year_data(YEAR).priorities
    ]
    for key, text, focus, rows in sections:
        report = services.yearly_section_update(
            report=report,
            key=key,
            text=text,
            focus=focus,
            rows=rows,
            user=manager,
            seen_change=last_change_id(report),
        )
    report = services.yearly_ready(report=report, user=manager, seen_change=last_change_id(report))
    for partner in statutory_partners():
        if partner.pk in leads:
            services.yearly_sign(
                report=report,
                partner=partner,
                user=leads[partner.pk],
                seen_change=last_change_id(report),
            )
    services.yearly_publish(report=report, user=manager, seen_change=last_change_id(report))
    count(YearlyReport, created=True)
