from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "whatsstrong.audits"
    label = "audits"
    verbose_name = "Practice quality assurance"

    def ready(self):
        from whatsstrong.core import home_parts, record_parts

        from .parts import HOME, PART

        record_parts.register(PART)
        home_parts.register(HOME)
