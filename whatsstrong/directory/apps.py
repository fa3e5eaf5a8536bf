from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "whatsstrong.directory"
    label = "directory"
    verbose_name = "Community directory"

    def ready(self):
        from django.db.models.signals import pre_delete

        from whatsstrong.core import record_parts

        from . import services
        from .models import Service
        from .parts import PART

        record_parts.register(PART)
        pre_delete.connect(services.forget_words, sender=Service, dispatch_uid="directory.forget_words")
