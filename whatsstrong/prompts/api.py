"""Question prompts over JSON: any signed-in member of staff may read and search them."""

from ninja import Field, Query, Router, Schema

from whatsstrong.core.api_schemas import ErrorOut, Input, ValidationErrorOut

from . import queries
from .forms import MAX_QUERY

router = Router()


class PromptQuery(Input):
    json_types = False  # a query string is all text

    q: str = Field(
        "",
        max_length=MAX_QUERY,
        description="Words that must all appear in the prompt, its group or its wellbeing areas, ignoring case "
        "and accents, like 'family scale'. Without it you get every active prompt.",
    )


class PromptOut(Schema):
    id: int
    code: str
    group: str = Field(description="The group's code")
    group_name: str
    kind: str = Field(description="strengths, ropes, scaling or solution_focused")
    text: str = Field(description="The question; {name} stands for the person's preferred name")
    tags: list[str] = Field(description="Wellbeing area codes")


@router.get(
    "/",
    response={200: list[PromptOut], 401: ErrorOut, 422: ValidationErrorOut},
    summary="Search the question prompts",
)
def search_prompts(request, filters: Query[PromptQuery]):
    """Active prompts in page order, filtered by the words in `q`."""
    return [
        {
            "id": p.pk,
            "code": p.code,
            "group": p.group.code,
            "group_name": p.group.name,
            "kind": p.group.kind,
            "text": p.text,
            "tags": p.tag_list,
        }
        for p in queries.active_prompts(filters.q)
    ]
