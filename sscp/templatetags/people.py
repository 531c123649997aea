"""``{{ user|person_name }}``, ``{{ user|person_name:role_title }}``: see ``sscp.people``."""

from django import template

from sscp.people import person_name

register = template.Library()
register.filter("person_name", person_name)
