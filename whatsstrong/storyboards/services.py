"""Every write of storyboards: writing and submitting a story, the quality lead's review (accepting
flagged words with a reason, approving with a review date, sending back with what to change), and
CPD records drafted from a story and changed by their owner.

Each write checks the actor with core/access.py on the row as stored (locked), names the actor in
its history row, and refuses a save made against an older version with `EditConflict`. The rules
are rules.py's, in the same words the forms use.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from whatsstrong.core import access
from whatsstrong.core.records import EditConflict, changed_since

from . import rules, themes
from .models import CpdRecord, FlagAccepted, Storyboard, StoryTheme

STORY_DATA = (*rules.STORY_FIELDS, "about_someone", "consent_by", "consent_how", "consent_on")
DEFAULTS = {"about_someone": True, "consent_on": None}
NOT_YOURS = "Only the author can change a draft or a story sent back; a quality lead can change one waiting for review."
NOT_A_REVIEWER = "Stories are reviewed by quality leads, and never by the person who wrote them."
NOT_YOUR_CPD = "CPD records are private to the person they belong to."
CANNOT_SEE = "This story is not published yet: only its author and quality leads can read it."


def _locked(model, pk: int, expected_version: int | None, submitted: dict):
    row = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and row.version != expected_version:
        changes, saved_by = changed_since(model, row, expected_version, submitted)
        raise EditConflict(record=row, changes=changes, saved_by=saved_by)
    return row


def _draft_problems(data: dict, chosen: list[str]) -> dict[str, str]:
    """What even a draft may not hold: a theme not on the list, consent dated in the future."""
    problems = {}
    if set(chosen) - themes.codes():
        problems["themes"] = rules.UNKNOWN_THEME
    given_on = data.get("consent_on")
    if given_on and given_on > timezone.localdate():
        problems["consent_on"] = rules.CONSENT_FUTURE
    if data.get("consent_how") and data["consent_how"] not in Storyboard.ConsentHow.values:
        problems["consent_how"] = rules.CONSENT_HOW
    return problems


def _set_themes(story: Storyboard, chosen: list[str]) -> None:
    current = set(story.themes.values_list("code", flat=True))
    wanted = set(chosen)
    story.themes.filter(code__in=current - wanted).delete()
    StoryTheme.objects.bulk_create([StoryTheme(storyboard=story, code=code) for code in sorted(wanted - current)])


def story_save(
    *,
    actor: Any,
    data: dict,
    themes_chosen: list[str],
    story_id: int | None = None,
    expected_version: int | None = None,
    submit: bool = False,
) -> Storyboard:
    """Write a new story (the actor is its author) or change one, and with `submit` send it for review.
    Submitting needs every part written, a theme and, for a story about someone, their consent;
    otherwise nothing is saved and every problem is named."""
    data = {name: data.get(name, DEFAULTS.get(name, "")) for name in STORY_DATA}
    for name in rules.STORY_FIELDS:
        data[name] = (data[name] or "").strip()
    data["consent_by"] = (data["consent_by"] or "").strip()
    data["consent_how"] = data["consent_how"] or ""
    chosen = list(dict.fromkeys(themes_chosen or []))
    if not access.can_write_storyboards(actor):
        raise PermissionDenied("Storyboards are written by members of staff.")
    problems = _draft_problems(data, chosen)
    if submit:
        problems |= rules.submit_problems(data, chosen, themes.codes(), timezone.localdate())
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if story_id is None:
            story = Storyboard(author=actor, team_id=actor.team_id)
        else:
            story = _locked(Storyboard, story_id, expected_version, data)
            if not access.can_change_storyboard(actor, story):
                raise PermissionDenied(NOT_YOURS)
            story.version += 1
        if submit:
            problem = rules.action_problem(story.status, rules.SUBMIT)
            if problem or (story.pk and story.author_id != actor.pk):
                raise ValidationError(problem or "Only the author sends their story for review.")
            story.status = rules.next_status(story.status, rules.SUBMIT)
            story.submitted_at = timezone.now()
            story.times_submitted += 1
        for name, value in data.items():
            setattr(story, name, value)
        story._history_user = actor
        story.save()
        _set_themes(story, chosen)
    return story


def flags_accept(*, actor: Any, story_id: int, keys: list[str], reason: str) -> list[FlagAccepted]:
    """The reviewer accepts flagged words that can stay (each key from `rules.flags`), with why."""
    with transaction.atomic():
        story = Storyboard.objects.select_for_update().get(pk=story_id)
        if not access.can_review_storyboard(actor, story):
            raise PermissionDenied(NOT_A_REVIEWER)
        accepted = set(story.accepted_flags.values_list("key", flat=True))
        found = {f.key: f for f in rules.open_flags(rules.flags(story.as_dict()), accepted)}
        problems = rules.accept_problems(keys, set(found), reason)
        if problems:
            raise ValidationError(problems)
        made = []
        for key in dict.fromkeys(keys):
            row = FlagAccepted(storyboard=story, key=key, words=found[key].words[:300], reason=reason.strip(), by=actor)
            row._history_user = actor
            row.save()
            made.append(row)
    return made


def flag_take_out(
    *, actor: Any, story_id: int, key: str, replace_with: str = "", expected_version: int | None = None
) -> Storyboard:
    """The reviewer takes a flagged detail out of a story waiting for review, as they may by changing
    the story on its page: each place it stands in that part of the story is put as `replace_with`
    (or words saying what was taken out), and the story's version moves on."""
    replace_with = (replace_with or "").strip()
    with transaction.atomic():
        story = _locked(Storyboard, story_id, expected_version, {})
        if not access.can_review_storyboard(actor, story):
            raise PermissionDenied(NOT_A_REVIEWER)
        if not access.can_change_storyboard(actor, story):
            raise PermissionDenied(NOT_YOURS)
        found = {f.key: f for f in open_flags(story)}
        _refuse_if(rules.take_out_problems(key, set(found), replace_with))
        flag = found[key]
        text = getattr(story, flag.field)
        changed = rules.take_out(text, flag.words, replace_with or rules.TAKEN_OUT[flag.kind])
        longest = Storyboard._meta.get_field(flag.field).max_length
        if longest and len(changed) > longest:
            raise ValidationError(
                {"replace_with": f"Use fewer words: the {flag.field} must fit in {longest} characters"}
            )
        setattr(story, flag.field, changed)
        story.version += 1
        story._history_user = actor
        story.save()
    return story


def _refuse_if(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


def open_flags(story: Storyboard) -> list[rules.StoryFlag]:
    accepted = set(story.accepted_flags.values_list("key", flat=True))
    return rules.open_flags(rules.flags(story.as_dict()), accepted)


def story_decide(
    *,
    actor: Any,
    story_id: int,
    action: str,
    review_on=None,
    changes: str = "",
    expected_version: int | None = None,
) -> Storyboard:
    """A quality lead approves a story (published, to be looked at again on `review_on`) or sends it
    back saying what to change. Publishing is refused while a flagged detail is neither taken out
    nor accepted, or while a story about someone lacks their consent."""
    if action not in (rules.APPROVE, rules.SEND_BACK):
        raise ValidationError({"action": "Choose whether to publish the story or send it back"})
    today = timezone.localdate()
    with transaction.atomic():
        story = _locked(Storyboard, story_id, expected_version, {})
        if not access.can_review_storyboards(actor):
            raise PermissionDenied(NOT_A_REVIEWER)
        consent = rules.consent_problems(
            about_someone=story.about_someone,
            their_words=story.their_words,
            given_by=story.consent_by,
            how=story.consent_how,
            given_on=story.consent_on,
            today=today,
        )
        problems = rules.decision_problems(
            status=story.status,
            action=action,
            review_on=review_on,
            changes=changes,
            reviewer_is_author=story.author_id == actor.pk,
            open_flag_count=len(open_flags(story)) if action == rules.APPROVE else 0,
            consent=consent,
            today=today,
        )
        if problems:
            raise ValidationError(problems)
        now = timezone.now()
        story.status = rules.next_status(story.status, action)
        story.reviewer, story.reviewed_at = actor, now
        if action == rules.APPROVE:
            story.review_on = review_on
            story.changes_asked = ""
            story.published_at = story.published_at or now
        else:
            story.changes_asked = changes.strip()
            story.published_at = None
            story.review_on = None
        story.version += 1
        story._history_user = actor
        story.save()
    return story


# --- CPD records --------------------------------------------------------------------------------------


def cpd_from_story(*, actor: Any, story_id: int) -> CpdRecord:
    """One click: a CPD record drafted from a story the actor may read, theirs to change."""
    story = Storyboard.objects.get(pk=story_id)
    if not access.can_see_storyboard(actor, story):
        raise PermissionDenied(CANNOT_SEE)
    labels = themes.labels()
    codes = story.themes.values_list("code", flat=True)
    drafted = rules.cpd_draft(
        story.as_dict(),
        own_story=story.author_id == actor.pk,
        theme_labels=[labels[c] for c in codes if c in labels],
        today=timezone.localdate(),
    )
    with transaction.atomic():
        record = CpdRecord(owner=actor, storyboard=story, **drafted)
        record._history_user = actor
        record.save()
    return record


def cpd_save(*, actor: Any, record_id: int, expected_version: int | None, data: dict) -> CpdRecord:
    data = {name: data.get(name) for name in ("kind", "title", "description", "done_on", "learning", "impact")}
    for name in ("title", "description", "learning", "impact"):
        data[name] = (data[name] or "").strip()
    problems = rules.cpd_problems(data, timezone.localdate())
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        record = _locked(CpdRecord, record_id, expected_version, data)
        if not access.can_see_cpd_record(actor, record):
            raise PermissionDenied(NOT_YOUR_CPD)
        for name, value in data.items():
            setattr(record, name, value)
        record.version += 1
        record._history_user = actor
        record.save()
    return record
