from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "whatsstrong.conversations"
    label = "conversations"
    verbose_name = "Conversations and case notes"
