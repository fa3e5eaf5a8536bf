from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "whatsstrong.supervision"
    label = "supervision"
    verbose_name = "Reflective supervision"

    def ready(self):
        from django.core import checks

        from whatsstrong.core import home_parts, record_parts

        from . import rules
        from .models import MODELS, QUESTIONS
        from .parts import HOME, PART

        record_parts.register(PART)
        home_parts.register(HOME)

        @checks.register("supervision")
        def supervision_data_is_whole(app_configs=None, **kwargs):
            problems = rules.model_data_problems(MODELS) + rules.question_data_problems(QUESTIONS)
            return [checks.Error(p, hint="Fix whatsstrong/supervision/data/", id="supervision.E001") for p in problems]
