from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "whatsstrong.plans"
    label = "plans"
    verbose_name = "Support plans"

    def ready(self):
        from whatsstrong.core import look_backs, record_parts

        from .parts import PART
        from .review_outcomes import SOURCE

        record_parts.register(PART)
        # A review looks back at the outcomes of the person's plan, and its scores join their history.
        look_backs.register(SOURCE)

        from .conference_parts import PART as CONFERENCES

        record_parts.register(CONFERENCES)
