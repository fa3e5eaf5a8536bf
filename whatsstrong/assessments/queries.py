"""Reading assessments for pages: the person's list, and one assessment with all it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import documents, rules
from .models import Assessment, AssessmentStrength, SectionText, WellbeingArea


def assessments_of(person_id: int) -> list[Assessment]:
    """The person's assessments, newest first, with their authors (one query)."""
    return list(Assessment.objects.filter(person_id=person_id).select_related("author"))


@dataclass
class AssessmentView:
    assessment: Assessment
    document: dict
    conversations: list = field(default_factory=list)
    sections: dict = field(default_factory=dict)  # key -> SectionText
    wellbeing: dict = field(default_factory=dict)  # code -> WellbeingArea
    strengths: list = field(default_factory=list)  # people.Asset
    sign_offs: list = field(default_factory=list)

    def texts(self) -> list[str]:
        """Everything written in the assessment, for the share in the person's own words."""
        a = self.assessment
        found = [c.text for c in self.conversations] + [s.text for s in self.sections.values()]
        for row in self.wellbeing.values():
            found += [row.said, row.working, row.matters]
        return [*found, a.analysis, a.hand_over]

    def own_words(self, name: str) -> str:
        quoted, total = rules.own_words(self.texts())
        return rules.own_words_sentence(quoted, total, name)

    def ranked(self) -> list:
        return sorted((r for r in self.wellbeing.values() if r.rank), key=lambda r: r.rank)

    def considered(self) -> int:
        return sum(1 for r in self.wellbeing.values() if (r.said or r.working or r.matters))


def assessment_view(person_id: int, assessment_id: int) -> AssessmentView:
    """One assessment of this person's with everything on its page, in six queries; Assessment.DoesNotExist
    when the person has no such assessment."""
    assessment = Assessment.objects.select_related("author", "team").get(pk=assessment_id, person_id=person_id)
    view = AssessmentView(assessment, documents.document(assessment.kind))
    view.conversations = list(assessment.conversations.select_related("author").order_by("happened_on", "pk"))
    view.sections = {row.key: row for row in SectionText.objects.filter(assessment=assessment)}
    view.wellbeing = {row.code: row for row in WellbeingArea.objects.filter(assessment=assessment)}
    view.strengths = [
        link.asset
        for link in AssessmentStrength.objects.filter(assessment=assessment)
        .select_related("asset")
        .order_by("asset__level", "asset_id")
    ]
    view.sign_offs = list(assessment.sign_offs.select_related("actor"))
    return view


def awaiting_for_team(team_id: Any) -> list[Assessment]:
    """Assessments of the team's people waiting for a supervisor's sign-off, oldest first."""
    return list(
        Assessment.objects.filter(status=Assessment.Status.AWAITING, person__team_id=team_id)
        .select_related("person", "author")
        .order_by("updated_at")
    )
