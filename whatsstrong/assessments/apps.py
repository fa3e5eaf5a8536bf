from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "whatsstrong.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from whatsstrong.core import home_parts, record_parts

        from .parts import AWAITING, PART

        record_parts.register(PART)
        home_parts.register(AWAITING)
