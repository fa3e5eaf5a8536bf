from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "whatsstrong.directory"
    label = "directory"
    verbose_name = "Community directory"

    def ready(self):
        from whatsstrong.core import record_parts

        from .parts import PART

        record_parts.register(PART)
