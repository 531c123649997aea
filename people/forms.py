"""Forms for inviting people and changing their roles and memberships. Each form checks its own
fields; ``people.services`` checks the rules across people (an address already in use, the
last business manager) and says why it refuses."""

from django import forms
from django.contrib.auth import password_validation

from plans.models import GovernanceBody, Membership, Partner

ROLE_CHOICES = [
    ("manager", "Business manager: builds the plans, runs collections, manages people"),
    ("scrutiny", "Scrutiny committee member: reads plans and published papers"),
]


class BodyChoiceField(forms.ModelChoiceField):
    """Any body, so that a retired one chosen in an old form gets the service's clear message."""

    def label_from_instance(self, obj):
        return obj.name if obj.is_active else f"{obj.name} (retired)"


def _body_field(required: bool) -> BodyChoiceField:
    return BodyChoiceField(
        queryset=GovernanceBody.objects.order_by("-is_active", "name"),
        required=required,
        label="Body",
        empty_label="No body" if not required else "Choose a body",
    )


class RolesForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.all(),
        required=False,
        label="Organisation",
        empty_label="Not set",
    )
    roles = forms.MultipleChoiceField(
        choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple, label="Roles"
    )


class InviteForm(RolesForm):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    email = forms.EmailField(
        label="E-mail address", help_text="The invitation goes here; it is also their sign-in."
    )
    body = _body_field(required=False)
    body_role = forms.ChoiceField(
        choices=[("", "No role in a body"), *Membership.Role.choices],
        required=False,
        label="Role in the body",
        help_text="Chairs, deputy chairs and data leads submit the body's quarterly returns.",
    )
    role_title = forms.CharField(max_length=200, required=False, label="Job title")

    field_order = [
        "first_name",
        "last_name",
        "email",
        "partner",
        "roles",
        "body",
        "body_role",
        "role_title",
    ]


class MembershipForm(forms.Form):
    body = _body_field(required=True)
    role = forms.ChoiceField(choices=Membership.Role.choices, label="Role in the body")
    role_title = forms.CharField(
        max_length=200, required=False, label="Job title", help_text="e.g. Head of Early Help."
    )


class PartnerLeadForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.filter(is_statutory=True).order_by("name"),
        label="Statutory partner",
        empty_label="Choose a partner",
        help_text="The lead of a statutory partner signs the partnership's yearly report for it.",
        error_messages={
            "invalid_choice": "Choose one of the statutory partners: only their leads sign the "
            "yearly report.",
            "required": "Choose the statutory partner they lead.",
        },
    )


class ChoosePasswordForm(forms.Form):
    """The invited person's first password: Django's validators, stored with argon2."""

    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Type it again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
