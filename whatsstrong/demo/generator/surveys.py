"""Experience survey answers at scale, for benchmarks: `generate_council --responses N`.

Answers are spread over the last twelve months and the council's teams (any there are), across the
bundled surveys in proportion to how often each is sent, each statement answered with a team's own
lean towards agreeing. Written with plain INSERTs in batches (council.Table), since a response is
written once and has no history. The same seed gives the same answers."""

import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

from whatsstrong.core.models import Team
from whatsstrong.surveys import definitions, rules
from whatsstrong.surveys.models import Answer, Channel, Response

from .council import Table

WEIGHTS = {"client": 6, "carer": 2, "safeguarding": 1, "direct_payments": 1}
CHANNELS = [Channel.ONLINE] * 6 + [Channel.PAPER] * 3 + [Channel.PHONE]


def _month_ago(today, months):
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, month + 1, 1)


class Responses:
    def __init__(self, *, responses, seed=1, batch_size=2000, out=print):
        self.total = responses
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.out = out

    def generate(self):
        started = time.perf_counter()
        surveys = [definitions.survey(code) for code in WEIGHTS]
        weights = list(WEIGHTS.values())
        teams = list(Team.objects.values_list("pk", flat=True)) or [None]
        lean = {team: self.rng.uniform(0.55, 0.85) for team in teams}
        today = timezone.localdate()
        months = [_month_ago(today, n) for n in range(12)]
        responses, answers = Table(Response, with_id=True), Table(Answer, with_id=False)
        next_id = responses.next_id()
        done = 0
        while done < self.total:
            size = min(self.batch_size, self.total - done)
            response_rows, answer_rows = [], []
            for _ in range(size):
                survey = self.rng.choices(surveys, weights)[0]
                team = self.rng.choice(teams)
                month = self.rng.choice(months)
                response_rows.append(
                    {
                        "id": next_id,
                        "survey": survey.code,
                        "team_id": team,
                        "month": month,
                        "channel": self.rng.choice(CHANNELS),
                        "easy_read": self.rng.random() < 0.1,
                    }
                )
                for statement in survey.statements:
                    answer_rows.append(
                        {
                            "response_id": next_id,
                            "statement": statement.code,
                            "answer": self._answer(lean[team]),
                            "survey": survey.code,
                            "team_id": team,
                            "month": month,
                        }
                    )
                next_id += 1
            with transaction.atomic():
                responses.insert(response_rows)
                answers.insert(answer_rows)
            done += size
        seconds = time.perf_counter() - started
        self.out(f"{done:,} survey responses in {seconds:.1f}s.")
        return done

    def _answer(self, lean):
        roll = self.rng.random()
        if roll < 0.04:
            return rules.PREFER_NOT
        if roll < 0.04 + lean * 0.96:
            return self.rng.choice(["strongly_agree", "agree", "agree"])
        return self.rng.choice(["neither", "disagree", "strongly_disagree"])
