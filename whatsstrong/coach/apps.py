from django.apps import AppConfig, apps
from django.db.models.signals import post_save


def keep_summary(sender, instance, raw=False, **kwargs):
    """After a coached record is saved, keep what the coach finds in it (not when loading fixtures)."""
    if not raw:
        from .services import summary_save

        summary_save(instance)


class CoachConfig(AppConfig):
    name = "whatsstrong.coach"
    label = "coach"
    verbose_name = "Language coach"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        # Models name their long text in `coached_fields`; the coach keeps a summary of each one.
        for model in apps.get_models():
            about_a_person = model._meta.label == "people.Person" or any(
                f.attname == "person_id" for f in model._meta.concrete_fields
            )
            if getattr(model, "coached_fields", None) and about_a_person:
                post_save.connect(keep_summary, sender=model, dispatch_uid=f"coach-summary-{model._meta.label}")
        record_parts.register(PART)
