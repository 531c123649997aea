"""Template filters for figures: ``{{ ret.value|in_unit:measure.unit }}``. The formatting
itself is in ``measures.formatting``, shared with the code that formats outside templates."""

from django import template

from measures import formatting

register = template.Library()
register.filter("in_unit", formatting.in_unit)
