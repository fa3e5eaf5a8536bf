from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "whatsstrong.demo"
    label = "demo"
    verbose_name = "Demo council and generated councils"
