from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "whatsstrong.conversations"
    label = "conversations"
    verbose_name = "Conversations and case notes"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)
