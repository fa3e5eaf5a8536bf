"""The access log becomes a hash chain: each entry numbered, linked to the one before, and hashed.

Existing entries are chained in the order they were written (time, then id), and the chain's head
is recorded. Break-glass reasons gain a review: who, when and an optional note."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from whatsstrong.core import audit_chain

    AccessEvent = apps.get_model("core", "AccessEvent")
    AccessLogHead = apps.get_model("core", "AccessLogHead")
    prev, seq = audit_chain.GENESIS, 0
    for event in AccessEvent.objects.order_by("at", "id").iterator(chunk_size=2000):
        seq += 1
        fields = {name: getattr(event, name) for name in audit_chain.HASHED_FIELDS if name != "seq"}
        fields["seq"] = seq
        digest = audit_chain.entry_hash(fields, prev)
        AccessEvent.objects.filter(pk=event.pk).update(seq=seq, prev_hash=prev, hash=digest)
        prev = digest
    AccessLogHead.objects.create(pk=1, seq=seq, hash=prev if seq else "")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_staff_are_never_deleted"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessLogHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.AddField(
            model_name="accessevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessevent",
            name="hash",
            field=models.CharField(editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accessevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Viewed"),
                    ("view_restricted", "Viewed a restricted record"),
                    ("break_glass", "Gave a reason to open a restricted record"),
                    ("refused", "Was refused access"),
                    ("reviewed_reason", "Reviewed a reason given to open a restricted record"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="accessgrant",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="accessgrant",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="accessgrant",
            name="review_note",
            field=models.TextField(blank=True),
        ),
        migrations.AddIndex(
            model_name="accessgrant",
            index=models.Index(fields=["reviewed_at", "granted_at"], name="core_access_reviewe_c2b011_idx"),
        ),
    ]
