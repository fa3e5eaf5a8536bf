from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "whatsstrong.forums"
    label = "forums"
    verbose_name = "Outcomes forums"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)
