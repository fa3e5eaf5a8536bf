"""Links to named pages, reversed once per page shape instead of on every use.

Django's `reverse` walks the URL patterns each time (about 12 microseconds); the person's page
makes twenty links. `link` reverses each name once with stand-in arguments and then only puts
the real ones in their place. The stand-ins are digits, so they fit `int`, `str` and `slug`
parts alike; a name whose parts take something else should use `reverse`.
"""

import functools
from urllib.parse import quote

from django.core.signals import setting_changed
from django.urls import get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

_STAND_INS = ("7340291001", "7340291002", "7340291003")


@functools.cache
def _shape(urlconf, name, arguments):
    return reverse(name, urlconf=urlconf, args=_STAND_INS[:arguments])


def link(name, *args):
    """The same path as `reverse(name, args=args)`, quoted the same way."""
    path = _shape(get_urlconf(), name, len(args))
    for stand_in, value in zip(_STAND_INS, args):
        path = path.replace(stand_in, quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@"), 1)
    return path


def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _shape.cache_clear()


setting_changed.connect(_forget)
