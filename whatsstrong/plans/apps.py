from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "whatsstrong.plans"
    label = "plans"
    verbose_name = "Support plans"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)
