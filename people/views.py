"""The people pages (business managers): who has access, inviting, roles and memberships,
ending and restoring access, the people audit. The pages everyone has (their own account,
accepting an invitation) are in ``people.account_views``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from measures import exports
from people import selectors, services
from people.filters import EventFilter, PeopleFilter
from people.forms import InviteForm, MembershipForm, RolesForm
from people.rules import can_manage_people
from people.tables import PeopleTable
from plans.models import Membership
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS
from plans.services import membership_delete
from sscp.editing import ConfirmView, FormPageMixin, ServiceFormMixin
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.pagination import page_of, paginate_table, query_without
from sscp.people import person_name

User = get_user_model()

PEOPLE_CRUMB = ("People", "people:list")


# --- the list and one person ------------------------------------------------------------------


class PeopleListView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    permission = can_manage_people
    template_name = "people/people_list.html"
    per_page = 50

    def get(self, request, *args, **kwargs):
        self.filter = PeopleFilter(request.GET or None, queryset=selectors.people())
        self.table = PeopleTable(self.filter.qs)
        export = request.GET.get("export")
        if export in exports.CONTENT_TYPES:
            headers, rows = self.table.export_rows()
            return exports.download(
                exports.dataset(headers, rows),
                file_format=export,
                filename=f"people-{timezone.localdate():%Y-%m-%d}",
            )
        paginate_table(request, self.table, per_page=self.per_page)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [("People", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filter,
            table=self.table,
            shown=self.table.paginator.count,
            export_query=query_without(self.request, "export"),
            **kwargs,
        )


class PersonView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    permission = can_manage_people
    template_name = "people/person_detail.html"

    def get_context_data(self, **kwargs):
        try:
            person = selectors.person(self.kwargs["pk"])
        except User.DoesNotExist:
            raise_not_found()
        self.person = person
        invitation = person.invitations.select_related("sent_by").first()
        return super().get_context_data(
            person=person,
            roles=[group.name.removesuffix("s") for group in person.groups.all()],
            memberships=list(person.memberships.all()),
            partner_leads=list(person.partner_leads.all()),
            invitation=invitation,
            invitation_state=invitation.why_unusable(timezone.now()) if invitation else "",
            events=selectors.events(person=person)[:30],
            is_self=person.pk == self.request.user.pk,
            **kwargs,
        )

    def get_breadcrumbs(self):
        return [(PEOPLE_CRUMB[0], reverse(PEOPLE_CRUMB[1])), (person_name(self.person), None)]


def raise_not_found():
    raise Http404("No such person.")


def person_url(person) -> str:
    return reverse("people:person", kwargs={"pk": person.pk})


# --- forms ------------------------------------------------------------------------------------


class PeopleFormView(
    RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, ServiceFormMixin, FormView
):
    permission = can_manage_people
    person = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self.person = get_object_or_404(
                User.objects.filter(is_superuser=False), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs(self):
        crumbs = [(PEOPLE_CRUMB[0], reverse(PEOPLE_CRUMB[1]))]
        if self.person is not None:
            crumbs.append((person_name(self.person), person_url(self.person)))
        return [*crumbs, (self.get_page_title(), None)]

    def get_cancel_url(self):
        return person_url(self.person) if self.person is not None else reverse(PEOPLE_CRUMB[1])

    def get_success_url(self):
        return person_url(self.object)


class InviteView(PeopleFormView):
    form_class = InviteForm
    page_title = "Invite a person"
    intro = (
        "They get an e-mail with a link that works once, for seven days. Until they use it they "
        "cannot sign in; you can send it again or withdraw it from their page."
    )
    submit_label = "Send the invitation"
    success_message = "Invitation sent to {object.email}."

    def perform(self, form):
        data = form.cleaned_data
        return services.invite(
            request=self.request,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            partner=data["partner"],
            roles=data["roles"],
            body=data["body"],
            body_role=data["body_role"],
            role_title=data["role_title"],
        )


class RolesView(PeopleFormView):
    form_class = RolesForm
    submit_label = "Save roles"
    success_message = "Roles saved for {object.email}."

    def get_page_title(self):
        return f"Roles of {person_name(self.person)}"

    def get_initial(self):
        groups = set(self.person.groups.values_list("name", flat=True))
        profile = getattr(self.person, "profile", None)
        return {
            "partner": profile.partner if profile is not None else None,
            "roles": [
                role
                for role, group in (("manager", BUSINESS_MANAGERS), ("scrutiny", SCRUTINY_MEMBERS))
                if group in groups
            ],
        }

    def perform(self, form):
        return services.change_roles(
            request=self.request,
            person=self.person,
            roles=form.cleaned_data["roles"],
            partner=form.cleaned_data["partner"],
        )


class AddMembershipView(PeopleFormView):
    form_class = MembershipForm
    submit_label = "Add the membership"

    def get_page_title(self):
        return f"Add a body membership for {person_name(self.person)}"

    def perform(self, form):
        data = form.cleaned_data
        services.add_membership(
            request=self.request,
            person=self.person,
            body=data["body"],
            role=data["role"],
            role_title=data["role_title"],
        )
        return self.person

    def get_success_message(self):
        return f"Membership added for {person_name(self.person)}."


# --- confirmations ----------------------------------------------------------------------------


class PersonConfirmView(ConfirmView):
    """Confirm one change to a person: GET says what it does, POST does it through ``action``."""

    permission = can_manage_people
    model = User
    context_object_name = "person"
    consequences: list[str] = []
    done = "{name}: done."
    submit_class = "btn-danger"

    def get_queryset(self):
        return User.objects.filter(is_superuser=False)

    def object_label(self):
        return person_name(self.object)

    def object_url(self):
        return person_url(self.object)

    def parent_breadcrumbs(self):
        return [(PEOPLE_CRUMB[0], reverse(PEOPLE_CRUMB[1]))]

    def get_page_title(self):
        return self.page_title.format(name=person_name(self.object))

    def refusal(self) -> str:
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consequences=[line.format(name=person_name(self.object)) for line in self.consequences],
            refusal=self.refusal(),
            submit_class=self.submit_class,
            **kwargs,
        )

    def action(self):
        raise NotImplementedError

    def perform(self):
        self.action()
        return self.done.format(name=person_name(self.object)), person_url(self.object)


class DeactivateView(PersonConfirmView):
    page_title = "Deactivate {name}"
    page_crumb = "Deactivate"
    submit_label = "Deactivate"
    consequences = [
        "end {name}'s access at once: they are signed out on their next click, everywhere;",
        "withdraw any invitation still waiting;",
        "keep their name on everything they did, and their roles, so you can reactivate them.",
    ]
    done = "{name} has been deactivated and can no longer sign in."

    def refusal(self):
        if self.object.pk == self.request.user.pk:
            return "You cannot deactivate yourself: ask another business manager."
        if not self.object.is_active:
            return f"{person_name(self.object)} is already without access."
        return ""

    def action(self):
        services.deactivate(request=self.request, person=self.object)


class ReactivateView(PersonConfirmView):
    page_title = "Reactivate {name}"
    page_crumb = "Reactivate"
    submit_label = "Reactivate"
    submit_class = "btn-primary"
    consequences = ["let {name} sign in again, with the roles and memberships shown on their page."]
    done = "{name} can sign in again."

    def refusal(self):
        return f"{person_name(self.object)} already has access." if self.object.is_active else ""

    def action(self):
        services.reactivate(request=self.request, person=self.object)


class ResendInvitationView(PersonConfirmView):
    page_title = "Send {name} a new invitation"
    page_crumb = "Send again"
    submit_label = "Send a new invitation"
    submit_class = "btn-primary"
    consequences = [
        "stop the link sent before from working;",
        "e-mail {name} a new link, which works once, for seven days.",
    ]
    done = "A new invitation has been sent to {name}."

    def refusal(self):
        return f"{person_name(self.object)} already has access." if self.object.is_active else ""

    def action(self):
        services.resend_invitation(request=self.request, person=self.object)


class WithdrawInvitationView(PersonConfirmView):
    page_title = "Withdraw {name}'s invitation"
    page_crumb = "Withdraw invitation"
    submit_label = "Withdraw the invitation"
    consequences = [
        "stop the link sent to {name} from working: they will not be able to sign in;",
        "keep their details, so you can send a new invitation later.",
    ]
    done = "The invitation to {name} has been withdrawn."

    def action(self):
        services.withdraw_invitation(request=self.request, person=self.object)


class ResetTwoFactorView(PersonConfirmView):
    page_title = "Reset {name}'s two-factor sign-in"
    page_crumb = "Reset two-factor"
    submit_label = "Reset two-factor sign-in"
    consequences = [
        "remove {name}'s authenticator app and recovery codes (for a lost or replaced phone);",
        "ask them to set it up again the next time they sign in (business managers must).",
    ]
    done = "{name}'s two-factor sign-in has been reset."

    def action(self):
        services.reset_two_factor(request=self.request, person=self.object)


class RemoveMembershipView(ConfirmView):
    permission = can_manage_people
    model = Membership
    page_crumb = "Remove membership"
    submit_label = "Remove the membership"

    def get_queryset(self):
        return Membership.objects.select_related("user", "body")

    def get_page_title(self):
        return f"Remove {person_name(self.object.user)} as {self._held()} of {self.object.body}"

    def _held(self) -> str:
        return self.object.get_role_display().lower()

    def object_label(self):
        return person_name(self.object.user)

    def object_url(self):
        return person_url(self.object.user)

    def parent_breadcrumbs(self):
        return [(PEOPLE_CRUMB[0], reverse(PEOPLE_CRUMB[1]))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consequences=[
                f"stop {person_name(self.object.user)} acting for {self.object.body} in this role;",
                "keep everything they already submitted, with their name on it.",
            ],
            **kwargs,
        )

    def perform(self):
        membership_delete(membership=self.object)
        return (
            f"{person_name(self.object.user)} is no longer {self._held()} of {self.object.body}.",
            person_url(self.object.user),
        )


# --- the audit --------------------------------------------------------------------------------


class AuditView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    permission = can_manage_people
    template_name = "people/audit.html"
    per_page = 50

    def get(self, request, *args, **kwargs):
        self.filter = EventFilter(request.GET or None, queryset=selectors.events())
        export = request.GET.get("export")
        if export in exports.CONTENT_TYPES:
            return exports.download(
                exports.dataset(
                    ["When", "What happened", "Person", "Account", "By", "Detail", "From address"],
                    (
                        [
                            event.at,
                            event.get_kind_display(),
                            person_name(event.person) if event.person else "",
                            event.account,
                            person_name(event.actor) if event.actor else "",
                            event.detail,
                            event.address or "",
                        ]
                        for event in self.filter.qs
                    ),
                ),
                file_format=export,
                filename=f"people-audit-{timezone.localdate():%Y-%m-%d}",
            )
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs(self):
        return [(PEOPLE_CRUMB[0], reverse(PEOPLE_CRUMB[1])), ("Audit", None)]

    def get_context_data(self, **kwargs):
        page = page_of(self.request, self.filter.qs, per_page=self.per_page)
        return super().get_context_data(
            filter=self.filter,
            page=page,
            export_query=query_without(self.request, "export"),
            **kwargs,
        )


# --- everyone's own pages ---------------------------------------------------------------------
