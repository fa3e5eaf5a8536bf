from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "whatsstrong.coach"
    label = "coach"
    verbose_name = "Language coach"
