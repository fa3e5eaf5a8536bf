"""Error pages: GOV.UK pages for people, JSON for the API.

Django calls these when nothing else answered: a URL nobody serves, a refusal, or an exception
no view handled. Django has already logged an unhandled exception at ERROR, with its traceback,
through the `django.request` logger before `server_error` is called. Under /api/ the answer is
JSON in the API's usual `{"detail": ...}` shape, so a calling system never has to read a web page.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

API_PREFIX = "/api/"
SERVER_ERROR = (
    "Something went wrong on our side, and it has been logged. Try again later; if it keeps "
    "happening, tell your administrator the time it happened."
)


def _for_api(request):
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    """A request Django could not accept at all, such as a body over DATA_UPLOAD_MAX_MEMORY_SIZE."""
    if _for_api(request):
        limit = round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20, 1)
        return JsonResponse(
            {"detail": f"This request could not be read. Send well-formed JSON of at most {limit:g} MB in one call."},
            status=400,
        )
    return defaults.bad_request(request, exception)


def forbidden(request, exception=None):
    why = str(exception) if exception and str(exception) else "You do not have access to this page."
    if _for_api(request):
        return JsonResponse({"detail": why}, status=403)
    return render(request, "errors/403.html", {"why": why}, status=403)


def not_found(request, exception=None):
    if _for_api(request):
        return JsonResponse(
            {"detail": "Not found. The paths the API serves are listed in /api/openapi.json."}, status=404
        )
    return render(request, "errors/404.html", status=404)


def server_error(request):
    if _for_api(request):
        return JsonResponse({"detail": SERVER_ERROR}, status=500)
    return render(request, "errors/500.html", status=500)
