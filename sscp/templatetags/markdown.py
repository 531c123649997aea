"""``{{ text|markdown }}``: text of the Markdown subset as safe HTML (``sscp.markdown``)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from sscp.markdown import to_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    return mark_safe(to_html(text))  # noqa: S308 - cleaned by nh3 to the subset's tags
