from django.apps import AppConfig


class StoryboardsConfig(AppConfig):
    name = "whatsstrong.storyboards"
    label = "storyboards"
    verbose_name = "Storyboards and the evidence bank"

    def ready(self):
        from whatsstrong.core import home_parts

        from . import themes
        from .parts import HOME

        themes.themes()  # a broken themes file stops the app here, naming each problem
        home_parts.register(HOME)
