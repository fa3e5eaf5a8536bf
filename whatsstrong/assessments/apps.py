from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "whatsstrong.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from django.db.models.signals import post_save

        from whatsstrong.core import home_parts, record_parts
        from whatsstrong.people.models import Person

        from .parts import AWAITING, PART
        from .services import follow_persons_team

        record_parts.register(PART)
        home_parts.register(AWAITING)
        post_save.connect(follow_persons_team, sender=Person, dispatch_uid="assessments_follow_persons_team")
