from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "whatsstrong.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)
