"""Assessments for a generated council, at rates like a council's: most people have had a contact,
many a fuller strengths and wellbeing assessment, a few carers their own; most are signed off, and a
handful are in progress, waiting for sign-off or returned. The text is made up here.

A separate random stream from the people's, so adding assessments leaves each seed's people as they were.
Most signed-off fuller assessments carry an eligibility decision, decided by whatsstrong.eligibility on
made-up facts drawn from a stream of their own (so the assessments too stay as they were).

Reviews, from a third stream: a signed-off fuller assessment plans a review a year on; most reviews
that have come due were done (carry on, revise the plan with the next one six months on, or close),
and the rest are overdue, about one person in eight of those with a review planned. Generated fuller
assessments rank no wellbeing areas, so generated reviews have nothing itemised to look back at.
"""

import random
from datetime import timedelta

from whatsstrong.assessments.rules import add_months
from whatsstrong.eligibility import decide_adult, decide_carer, load_reference

PLACES = ["At home", "By phone", "At the day centre", "By video call", "At the library", "At their daughter's house"]
PRESENT = [
    "{name}",
    "{name} and their daughter",
    "{name} and their son",
    "{name} and a friend",
    "{name} and their partner",
]
HOW = ["Spoke for themselves", "", "", "With their daughter's help", "Used pictures and a few words"]
TALK = [
    "We talked about how the week goes and what gets {name} out of the house. {name} said “{quote}”.",
    "{name} showed me round and we talked about the garden, the shops and the neighbours. They said “{quote}”.",
    "We went through what is working and what {name} would like to change. {name} said “{quote}”.",
    "A short call about getting to appointments. {name} knows the bus routes well and said “{quote}”.",
    "We talked about family, about money, and about the club {name} used to go to.",
]
QUOTES = [
    "I just want to get back to the allotment",
    "my daughter worries more than I do",
    "I can manage most days with a bit of help",
    "don't take my independence away",
    "I used to run the whole shop",
    "the club is the best part of my week",
    "I would like to cook for myself again",
]
ANALYSIS = [
    "{name} has a clear idea of what they want and people around them who help. Small changes should be enough.",
    "{name}'s routines and their family carry a lot. The plan should build on the club and the Sunday visits.",
    "Information and a link to the community centre are what {name} asked for.",
    "{name} wants to stay at home. The risks are known to them and they have chosen how to live with them.",
]
ABOUT = [
    "A retired engineer who likes a chat and a crossword.",
    "Grew up nearby and knows everyone on the street.",
    "Proud of their children and their garden.",
]
OFFERED = ["information_and_advice"] * 6 + ["signposting"] * 3 + ["further_assessment", "no_further_action"]
IMPACT = [
    "{name} has stopped going out as much and is losing touch with friends.",
    "Without help {name} is at risk of a fall or of not eating properly.",
    "{name} is worn out and anxious, and their health is starting to suffer.",
    "{name} feels cut off and says the days are long.",
]
# How often a fuller assessment has a decision: most once signed off, fewer while still being written.
ELIGIBILITY_RATE = {"authorised": 0.85, "awaiting_sign_off": 0.8, "returned": 0.7, "draft": 0.3}
FULL_STATUS = [("authorised", 85), ("draft", 8), ("awaiting_sign_off", 5), ("returned", 2)]
REVIEW_RESULT = [("carry_on", 60), ("revise_plan", 30), ("close", 10)]
REVIEW_DONE_RATE = 0.8  # of reviews that have come due, how many were done
REVIEW_ANALYSIS = {
    "carry_on": "{name} is doing well with what is in place and wants it to carry on.",
    "revise_plan": "Some of the plan is working for {name}; the rest needs changing, so the plan is revised.",
    "close": "{name} no longer needs support from us and knows how to get in touch again.",
}


def _weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


class AssessmentComposer:
    def __init__(self, seed):
        self.rng = random.Random(f"assessments-{seed}")
        self.eligibility_rng = random.Random(f"eligibility-{seed}")
        self.review_rng = random.Random(f"reviews-{seed}")

    def eligibility(self, kind, status, name):
        """Made-up facts for an assessment's eligibility decision, and the library's decision on them;
        None for a contact, or when no decision has been made yet."""
        rng = self.eligibility_rng
        who = {"strengths_and_wellbeing": "adult", "carers_wellbeing": "carer"}.get(kind)
        if who is None or rng.random() >= ELIGIBILITY_RATE[status]:
            return None
        scheme = load_reference().scheme(who)
        ways = list(scheme.ways)
        chosen = rng.sample(scheme.codes, rng.choice([0, 1, 1, 2, 2, 3, 4]))
        outcomes = {code: sorted(rng.sample(ways, rng.choice([1, 1, 2])), key=ways.index) for code in sorted(chosen)}
        significant = bool(outcomes) and rng.random() < 0.8
        if who == "adult":
            facts = {
                "needs_from_impairment": rng.random() < 0.95,
                "outcomes": outcomes,
                "significant_impact": significant,
            }
            decision = decide_adult(**facts)
        else:
            facts = {
                "needs_from_caring": rng.random() < 0.95,
                "health_deteriorating": rng.random() < 0.4,
                "outcomes": outcomes,
                "significant_impact": significant,
            }
            decision = decide_carer(**facts)
        return {
            "who": who,
            "facts": facts,
            "impact": rng.choice(IMPACT).format(name=name) if significant else "",
            "eligible": decision.eligible,
            "unable": decision.unable,
            "reasons": decision.reasons,
        }

    def _conversation(self, name, day):
        rng = self.rng
        return {
            "happened_on": day,
            "place": rng.choice(PLACES),
            "present": rng.choice(PRESENT).format(name=name),
            "communication": rng.choice(HOW),
            "interpreter": rng.random() < 0.04,
            "text": rng.choice(TALK).format(name=name, quote=rng.choice(QUOTES)),
        }

    def for_person(self, name, today):
        """The assessments of one person: a list of plans, oldest first."""
        rng = self.rng
        plans = []
        if rng.random() < 0.55:
            day = today - timedelta(days=rng.randint(30, 900))
            plans.append(
                {
                    "kind": "contact",
                    "status": "authorised" if rng.random() < 0.9 else "draft",
                    "offered": rng.choice(OFFERED),
                    "conversations": [self._conversation(name, day)],
                    "analysis": rng.choice(ANALYSIS).format(name=name),
                    "about": "",
                }
            )
        for kind, rate in (("strengths_and_wellbeing", 0.4), ("carers_wellbeing", 0.08)):
            if rng.random() < rate:
                first = today - timedelta(days=rng.randint(1, 700))
                days = sorted({first + timedelta(days=rng.randint(0, 20)) for _ in range(rng.randint(1, 3))})
                status = _weighted(rng, FULL_STATUS)
                plans.append(
                    {
                        "kind": kind,
                        "status": status,
                        "offered": "",
                        "conversations": [self._conversation(name, min(d, today)) for d in days],
                        "analysis": ""
                        if status == "draft" and rng.random() < 0.5
                        else rng.choice(ANALYSIS).format(name=name),
                        "about": rng.choice(ABOUT),
                        "eligibility": self.eligibility(kind, status, name),
                    }
                )
        return sorted(plans, key=lambda p: p["conversations"][0]["happened_on"])

    def reviews(self, plans, name, today):
        """(review plans, the day the next review is due or None) for one person's assessments: each
        review plan names the index in `plans` of the signed-off fuller assessment it looks back at."""
        rng = self.review_rng
        signed = [
            i for i, p in enumerate(plans) if p["kind"] != "contact" and p["status"] == "authorised" and p["analysis"]
        ]
        if not signed:
            return [], None
        index = signed[-1]
        due = add_months(plans[index]["conversations"][-1]["happened_on"], 12)
        done = []
        while due < today and rng.random() < REVIEW_DONE_RATE:
            day = min(today, due - timedelta(days=rng.randint(0, 30)))
            result = _weighted(rng, REVIEW_RESULT)
            next_due = None if result == "close" else add_months(day, 6 if result == "revise_plan" else 12)
            done.append(
                {
                    "kind": "review",
                    "status": "authorised",
                    "offered": "",
                    "conversations": [
                        {
                            "happened_on": day,
                            "place": rng.choice(PLACES),
                            "present": rng.choice(PRESENT).format(name=name),
                            "communication": rng.choice(HOW),
                            "interpreter": False,
                            "text": f"We looked back at the plan together. {name} said “{rng.choice(QUOTES)}”.",
                        }
                    ],
                    "analysis": REVIEW_ANALYSIS[result].format(name=name),
                    "about": "",
                    "reviewed_index": index,
                    "result": result,
                    "next_review_on": next_due,
                }
            )
            due = next_due
            if due is None:
                break
        return done, due
