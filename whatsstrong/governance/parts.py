"""What governance adds to the person's page: a legal hold, if there is one, and the links to put one
on or lift it and to export the record for a subject access request, for those who may."""

from whatsstrong.core import access
from whatsstrong.core.home_parts import HomePart
from whatsstrong.core.record_parts import BOTTOM, RecordPart

from . import queries


def _context(request, person, can_edit):
    user = request.user
    may_hold = access.can_hold_records(user)
    may_export = access.can_export_subject_access(user, person)
    if not (may_hold or may_export or access.can_see_retention(user)):
        return None
    return {"person": person, "hold": queries.live_hold(person.pk), "may_hold": may_hold, "may_export": may_export}


PART = RecordPart(name="governance", order=950, place=BOTTOM, template="governance/_part.html", context=_context)


def _home(request):
    user = request.user
    if not (access.can_see_retention(user) or access.can_download_access_log(user)):
        return None
    return {"holds": len(queries.live_holds())}


HOME = HomePart(name="governance", template="governance/_home.html", context=_home, order=900)
