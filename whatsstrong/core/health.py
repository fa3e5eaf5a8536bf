"""The load balancer's health check: is this app host able to serve pages?

`GET /health/` answers 200 "ok" when the host reaches its database, and 503 when it cannot, so a
load balancer stops sending people to a host that would fail them. It needs no sign-in, reads no
session (so it sets no cookie however often it is asked), shows nothing about anyone, and is exempt
from the HTTPS redirect (SECURE_REDIRECT_EXEMPT) because load balancers often check over plain HTTP
on the host's own port.
"""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
