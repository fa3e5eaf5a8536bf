from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "whatsstrong.core"
    label = "core"
    verbose_name = "Staff, teams and access"
