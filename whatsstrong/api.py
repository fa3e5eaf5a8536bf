"""The JSON API, described by OpenAPI 3 at /api/openapi.json.

Every call needs a named staff member: another system sends `Authorization: Bearer <token>`
(see `manage.py issue_api_token`; tokens expire, and are revoked in the admin or with
`manage.py revoke_api_token`), and the web app's own pages may call it while signed in.
Access rules are the same as the web app's: they all come from core/access.py.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from whatsstrong.assessments.api import router as assessments_router
from whatsstrong.audits.api import router as audits_router
from whatsstrong.coach.api import router as coach_router
from whatsstrong.core.gate import ReasonNeeded
from whatsstrong.core.models import ApiToken, TokenRefused
from whatsstrong.core.records import EditConflict
from whatsstrong.directory.api import router as gaps_router
from whatsstrong.forums.api import person_router as hearings_router
from whatsstrong.forums.api import router as forums_router
from whatsstrong.governance.api import router as governance_router
from whatsstrong.people.api import router as people_router
from whatsstrong.people.schemas import REQUIRED_MESSAGES
from whatsstrong.plans.api import router as plans_router
from whatsstrong.prompts.api import router as prompts_router
from whatsstrong.risk.api import panels_router as risk_panels_router
from whatsstrong.risk.api import router as risk_router
from whatsstrong.safeguarding.api import router as safeguarding_router
from whatsstrong.storyboards.api import router as storyboards_router
from whatsstrong.supervision.api import router as supervision_router
from whatsstrong.surveys.api import router as surveys_router


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        # Raises TokenRefused for an unknown, expired or revoked token, so the answer can say which.
        return ApiToken.user_for(token)


class SignedInAuth(SessionAuth):
    """The web app's sign-in cookie. A browser sends that cookie by itself, so CSRF is checked."""

    def _get_key(self, request):
        # Without a signed-in user there is nothing to forge; answer 401 rather than a CSRF 403.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


api = NinjaAPI(
    title="What's Strong API",
    version="1",
    description="People, their networks and their strengths. The same access rules as the web app apply.",
    urls_namespace="api",
    auth=[TokenAuth(), SignedInAuth(csrf=True)],
    # The interactive docs page loads scripts from a CDN, which our content security policy forbids.
    docs_url=None,
)
api.add_router("/people", people_router, tags=["People"])
api.add_router("/people", assessments_router, tags=["Assessments"])
api.add_router("/people", plans_router, tags=["Support plans"])
api.add_router("/people", risk_router, tags=["Working with risk"])
api.add_router("/people", safeguarding_router, tags=["Safeguarding"])
api.add_router("/language", coach_router, tags=["Language coach"])
api.add_router("/prompts", prompts_router, tags=["Question prompts"])
api.add_router("/forums", forums_router, tags=["Outcomes forums"])
api.add_router("/people", hearings_router, tags=["Outcomes forums"])
api.add_router("/gaps", gaps_router, tags=["Gaps in what the community offers"])
api.add_router("/audits", audits_router, tags=["Audits"])
api.add_router("/surveys", surveys_router, tags=["Experience surveys"])
api.add_router("/storyboards", storyboards_router, tags=["Storyboards"])
api.add_router("/governance", governance_router, tags=["Information governance"])
api.add_router("/supervision", supervision_router, tags=["Supervision"])
api.add_router("/risk", risk_panels_router, tags=["Working with risk"])


# --- Error bodies -----------------------------------------------------------------------------
# Plain words for pydantic's error types that would otherwise reach a client as jargon.
PLAIN = {
    "string_too_long": lambda e: f"Use {e['ctx']['max_length']} characters or fewer",
    "string_type": lambda e: "Enter text",
    "bool_type": lambda e: "Send true or false",
    "bool_parsing": lambda e: "Send true or false",
    "int_type": lambda e: "Enter a whole number",
    "int_parsing": lambda e: "Enter a whole number",
    "greater_than_equal": lambda e: f"Enter a number of {e['ctx']['ge']:,} or more",
    "less_than_equal": lambda e: f"Enter a number of {e['ctx']['le']:,} or less",
    "list_type": lambda e: "Send a JSON array",
    "enum": lambda e: f"Choose one of {e['ctx']['expected']}",
    "date_type": lambda e: "Enter a real date, like 1948-03-27",
    "date_parsing": lambda e: "Enter a real date, like 1948-03-27",
    "date_from_datetime_parsing": lambda e: "Enter a real date, like 1948-03-27",
    "date_from_datetime_inexact": lambda e: "Enter a date without a time, like 1948-03-27",
    "model_attributes_type": lambda e: "Send a JSON object",
    "dict_type": lambda e: "Send a JSON object",
}


def _field(loc):
    """('body', 'payload', 'postcode') -> 'postcode'; ('body', 'payload') -> 'body'; ('query', 'limit') -> 'limit'."""
    kind, parts = (str(loc[0]), [str(p) for p in loc[1:]]) if loc else ("body", [])
    if kind == "body":
        # Each view takes its whole body as one parameter, whose name the client never sees.
        parts = parts[1:]
    return ".".join(parts) or kind


def _message(error, field):
    if error["type"] == "missing" and field == "body":
        return "Send a JSON object with the fields listed in /api/openapi.json"
    if error["type"] == "missing":
        return REQUIRED_MESSAGES.get(field, "This is required")
    plain = PLAIN.get(error["type"])
    return plain(error) if plain else error["msg"]


@api.exception_handler(ValidationError)
def validation_failed(request, exc):
    errors = []
    for error in exc.errors:
        field = _field(tuple(error.get("loc", ())))
        errors.append({"field": field, "message": _message(error, field)})
    return api.create_response(
        request,
        {
            "detail": "Check what was sent: " + "; ".join(f"{e['field']}: {e['message']}" for e in errors),
            "errors": errors,
        },
        status=422,
    )


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    response = api.create_response(
        request, {"detail": "Send an API token as 'Authorization: Bearer <token>', or sign in."}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(ReasonNeeded)
def reason_needed(request, exc):
    # A reason is given on a page a person reads and signs; a calling system cannot give one.
    return api.create_response(
        request,
        {
            "detail": f"This record is restricted. Give your reason for opening it in the web app "
            f"(/people/{exc.person_id}/restricted/); the API then lets you in for the same time."
        },
        status=403,
    )


@api.exception_handler(TokenRefused)
def token_refused(request, exc):
    response = api.create_response(request, {"detail": str(exc)}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "You do not have access to this."}, status=403)


@api.exception_handler(Http404)
@api.exception_handler(ObjectDoesNotExist)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


def _plain_value(value):
    return value.pk if isinstance(value, models.Model) else value


@api.exception_handler(EditConflict)
def conflict(request, exc):
    return api.create_response(
        request,
        {
            "detail": "Someone else saved this record after you read it. Read it again, then send your change "
            "with the new version.",
            "current_version": exc.record.version,
            "saved_by": exc.saved_by.display_name if exc.saved_by else None,
            "changes": [
                {"field": c.field, "label": c.label, "theirs": _plain_value(c.theirs), "yours": _plain_value(c.yours)}
                for c in exc.changes
            ],
        },
        status=409,
    )
