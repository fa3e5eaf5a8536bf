from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "whatsstrong.surveys"
    label = "surveys"
    verbose_name = "Experience surveys"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)

        from . import triggers

        triggers.connect()
