from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "whatsstrong.governance"
    label = "governance"
    verbose_name = "Information governance"

    def ready(self):
        from django.core import checks

        from whatsstrong.core import home_parts, record_parts

        from . import rules
        from .parts import HOME, PART

        record_parts.register(PART)
        home_parts.register(HOME)

        @checks.register("governance")
        def retention_schedule_is_sound(app_configs=None, **kwargs):
            return [
                checks.Error(problem, hint=f"Fix {rules.SCHEDULE_FILE}", id="governance.E001")
                for problem in rules.schedule_problems(rules.read_schedule())
            ]
