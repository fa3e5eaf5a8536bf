from django.apps import AppConfig
from django.core import checks


class SafeguardingConfig(AppConfig):
    name = "whatsstrong.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        from whatsstrong.core import record_parts, withheld

        from . import reference
        from .parts import PART
        from .queries import withheld_names

        record_parts.register(PART)
        # The alleged sources of harm never appear in anything made for the person to keep.
        withheld.register("safeguarding", withheld_names)

        @checks.register("safeguarding")
        def sac_file_is_whole(app_configs=None, **kwargs):
            return [
                checks.Error(problem, hint=f"Fix {reference.FILE}", id="safeguarding.E001")
                for problem in reference.data_problems(reference.data())
            ]
