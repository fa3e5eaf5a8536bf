from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "whatsstrong.risk"
    label = "risk"
    verbose_name = "Working with risk"

    def ready(self):
        from whatsstrong.core import home_parts, record_parts

        from .parts import HOME, PART

        record_parts.register(PART)
        home_parts.register(HOME)
