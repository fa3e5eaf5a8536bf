"""manage.py generate_council writes storyboards at the stated rate, with themes from the list, and
the evidence bank reads them like any other."""

from io import StringIO

import pytest
from django.core.management import call_command

from whatsstrong.core.models import CASE_ROLES, User
from whatsstrong.demo.generator import storyboards as generator
from whatsstrong.storyboards import queries, rules, themes
from whatsstrong.storyboards.models import Storyboard, StoryTheme

pytestmark = pytest.mark.django_db


def test_generated_storyboards_come_at_the_stated_rate(db):
    out = StringIO()
    call_command("generate_council", people=600, seed=3, batch_size=300, stdout=out)
    assert "Storyboards:" in out.getvalue()
    writers = User.objects.filter(role__in=CASE_ROLES).count()
    stories = Storyboard.objects.all()
    assert stories.count() == round(writers * generator.STORIES_PER_PRACTITIONER)
    assert set(stories.values_list("status", flat=True)) <= {rules.PUBLISHED, rules.SUBMITTED, rules.SENT_BACK}
    assert stories.filter(status=rules.PUBLISHED).exists()
    assert set(StoryTheme.objects.values_list("code", flat=True)) <= themes.codes()
    assert not stories.filter(themes__isnull=True).exists()
    assert all(rules.flags(s.as_dict()) == [] for s in stories[:50])
    assert queries.evidence_bank("")[1] == stories.filter(status=rules.PUBLISHED).count()
