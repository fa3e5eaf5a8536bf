"""Staff, teams, and the records that keep access honest (access log, break-glass grants, drafts)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    SUPERVISOR = "supervisor", "Supervisor or team manager"
    QUALITY_LEAD = "quality_lead", "Quality lead"
    SENIOR_LEADER = "senior_leader", "Senior leader"
    DIRECTORY_EDITOR = "directory_editor", "Directory editor"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles that oversee practice: they read any record and its change history.
OVERSIGHT_ROLES = {Role.SUPERVISOR, Role.QUALITY_LEAD, Role.SENIOR_LEADER, Role.ADMINISTRATOR}
# Roles that hold a caseload or manage one, and so record about people.
CASE_ROLES = {Role.PRACTITIONER, Role.SUPERVISOR}


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    job_title = models.CharField(max_length=120, blank=True)
    # A qualified practitioner may sign off their own assessments (self-authorisation).
    qualified = models.BooleanField(default=False)
    # Who this member of staff is at the organisation's identity provider (single sign-on): the
    # provider's subject, set by an administrator. Nobody unmatched can sign in that way.
    oidc_subject = models.CharField(
        "single sign-on subject",
        max_length=255,
        null=True,
        blank=True,
        unique=True,
        help_text="Their identity provider's subject (the sub claim). Single sign-on signs in only staff matched here.",
    )

    @property
    def display_name(self):
        return self.get_full_name() or self.username

    def has_role(self, *roles):
        return self.is_active and self.role in roles


class AppendOnly(Exception):
    """The access log is only ever added to: nothing may change or remove an entry."""


APPEND_ONLY = "The access log is append-only: entries are never changed or removed."


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly(APPEND_ONLY)

    def delete(self):
        raise AppendOnly(APPEND_ONLY)

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly(APPEND_ONLY)

    def update_or_create(self, *args, **kwargs):
        raise AppendOnly(APPEND_ONLY)

    def bulk_create(self, objs, *args, **kwargs):
        """Many entries at once (the generator, the bench), chained in order under the same lock."""
        from .audit_log import append_many

        return append_many(self, list(objs), *args, **kwargs)

    def _chained_bulk_create(self, objs, *args, **kwargs):
        return super().bulk_create(objs, *args, **kwargs)


class AccessEvent(models.Model):
    """One line of the access log: a view of a record, or a break-glass reason given.

    Append-only and tamper-evident: each entry carries its place in a hash chain (`seq`), the
    hash of the entry before it and its own (see audit_chain.py), written under a lock by
    audit_log.py. Saving an existing entry, deleting one, or updating many is refused."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        VIEW_RESTRICTED = "view_restricted", "Viewed a restricted record"
        BREAK_GLASS = "break_glass", "Gave a reason to open a restricted record"
        REFUSED = "refused", "Was refused access"
        REVIEWED_REASON = "reviewed_reason", "Reviewed a reason given to open a restricted record"
        RESET_TWO_FACTOR = "reset_two_factor", "Reset a colleague's two-factor sign-in"
        SUBJECT_ACCESS = "subject_access", "Exported a record for a subject access request"
        LEGAL_HOLD_SET = "legal_hold_set", "Put a record on legal hold"
        LEGAL_HOLD_LIFTED = "legal_hold_lifted", "Lifted a legal hold"
        RETENTION_REMOVED = "retention_removed", "Removed a record's personal data under the retention schedule"
        ACCESS_LOG_DOWNLOAD = "access_log_download", "Downloaded the access log"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(blank=True)
    path = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.content_type_id}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly(APPEND_ONLY)
        from .audit_log import append

        append(self, lambda: super(AccessEvent, self).save(*args, **kwargs))

    def delete(self, *args, **kwargs):
        raise AppendOnly(APPEND_ONLY)


class AccessLogHead(models.Model):
    """The access log's newest entry, one row: what it was, so removing the newest entries shows.
    Writers lock it (PostgreSQL: an advisory lock; SQLite has one writer at a time)."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Access log head at {self.seq}"


class AccessGrant(models.Model):
    """A reason recorded to open a restricted record; it lasts a limited time. A quality lead reviews it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "content_type", "object_id", "expires_at"]),
            models.Index(fields=["reviewed_at", "granted_at"]),
        ]

    def __str__(self):
        return f"Reason given for {self.content_type_id}:{self.object_id}"


class Draft(models.Model):
    """Writing in progress on a form, kept so a timeout or lost connection loses nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    key = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_draft_per_user_and_form")]

    def __str__(self):
        return self.key


def api_token_expiry():
    """When a token issued now stops working, unless another lifetime is asked for."""
    return timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)


class TokenRefused(Exception):
    """An API token that cannot be used, with what to do about it in plain words."""


class ApiToken(models.Model):
    """A token for another system to call the API as a named staff member. Only a hash is stored.

    Tokens expire (API_TOKEN_DAYS after issue by default) and can be revoked in the admin or with
    `manage.py revoke_api_token`; revoked and expired tokens are kept as a record, never deleted.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="staff member"
    )
    name = models.CharField("system", max_length=100, help_text="Which system uses it.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("created", default=timezone.now)
    last_used_at = models.DateTimeField("last used", null=True, blank=True)
    expires_at = models.DateTimeField("expires", default=api_token_expiry)
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)

    class Meta:
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} for {self.user}"

    @staticmethod
    def hash(raw):
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name, days=None):
        """Create a token lasting `days` (API_TOKEN_DAYS by default); the raw value is returned once and
        never stored."""
        raw = secrets.token_urlsafe(32)
        now = timezone.now()
        lifetime = timedelta(days=settings.API_TOKEN_DAYS if days is None else days)
        cls.objects.create(user=user, name=name, token_hash=cls.hash(raw), created_at=now, expires_at=now + lifetime)
        return raw

    @classmethod
    def user_for(cls, raw):
        """The staff member a token acts for; TokenRefused says why when it cannot be used."""
        token = cls.objects.select_related("user").filter(token_hash=cls.hash(raw or "")).first()
        if token is None:
            raise TokenRefused(
                "This API token is not recognised. Check it was copied whole, or ask an administrator for a new one."
            )
        now = timezone.now()
        problem = token.problem(now)
        if problem:
            raise TokenRefused(problem)
        cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user

    def state(self, now):
        """The token's state at `now`: "Active", or why it cannot be used ("Revoked", "Expired",
        "Staff member inactive")."""
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= now:
            return "Expired"
        if not self.user.is_active:
            return "Staff member inactive"
        return "Active"

    def problem(self, now):
        """Why this token cannot be used at `now`, in words for whoever runs the system, or None."""
        return {
            "Revoked": f"This API token was revoked on {_day(self.revoked_at)}. Ask an administrator for a new one.",
            "Expired": f"This API token expired on {_day(self.expires_at)}. Ask an administrator for a new one.",
            "Staff member inactive": "The staff member this API token acts for can no longer sign in, so neither "
            "can the token. Ask an administrator for a new one.",
        }.get(self.state(now))


def _day(moment):
    return date_format(timezone.localtime(moment), "j F Y")
