"""What storyboards add to a user's home page: for quality leads, the stories waiting for their review
and the published ones due a fresh look. Two counts; nothing drawn when both are none."""

from whatsstrong.core import access
from whatsstrong.core.home_parts import HomePart

from . import queries


def _home(request):
    if not access.can_review_storyboards(request.user):
        return None
    waiting, due = queries.waiting_counts()
    if not (waiting or due):
        return None
    return {"waiting": waiting, "due": due}


HOME = HomePart(name="storyboards", template="storyboards/_home.html", context=_home, order=250)
