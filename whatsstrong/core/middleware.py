"""Responses no cache may keep.

A person's record must not come back from the browser's cache after signing out (the back button)
or from a cache shared by an office. Every response Django draws carries `Cache-Control: no-store`:
nothing the app draws is worth caching, and a rule about who is signed in would have to know every
way in (API tokens, a page drawn just after the sign-in ended). Static files are answered by
WhiteNoise, which sits before this in MIDDLEWARE, and keep their long cache headers.
"""

from django.utils.cache import patch_cache_control


def no_store(get_response):
    def middleware(request):
        response = get_response(request)
        patch_cache_control(response, no_store=True)
        return response

    return middleware
