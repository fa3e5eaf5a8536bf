from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "whatsstrong.people"
    label = "people"
    verbose_name = "People and their networks"
