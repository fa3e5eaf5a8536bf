"""Small template filters used in long lists, where Django's general-purpose ones cost too much."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def short_date(value):
    """'4 Nov 2026'. A plain strftime, not the localisation machinery: a caseload renders 100 of these."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {value.strftime('%b %Y')}"
