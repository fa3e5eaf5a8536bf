from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "whatsstrong.prompts"
    label = "prompts"
    verbose_name = "Question prompts"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)
