"""Support plans for a generated council, at rates like a council's: most people with a signed-off
strengths and wellbeing or carer's assessment have a plan starting from it; most plans are agreed,
some are being written, waiting for sign-off or returned, and a few were agreed a second time. Each
has one to three outcomes in the first person, who does what (the person, named people from their
network, community groups, technology, equipment and paid support), a budget managed one of four
ways or none, the agreements of the people it relies on, and scores over the months since it started.
An outcome now and then asks for a change, with the stages of change it went through.

No Django here (plans/rules.py is plain Python): plans are composed as plain values, and council.py
gives them ids and writes them.
A random stream of its own, so adding plans leaves each seed's people and assessments as they were.
"""

import random
from datetime import timedelta
from decimal import Decimal

from whatsstrong.plans.rules import KIND_ORDER, totals

PLAN_RATE = 0.8  # of people with a signed-off fuller assessment
STATUS = [("agreed", 82), ("draft", 10), ("awaiting_sign_off", 5), ("returned", 3)]
AGREED_TWICE_RATE = 0.15
MANAGED = [("council_arranged", 40), ("direct_payment", 22), ("individual_service_fund", 10), ("mixed", 10), ("", 18)]
MANAGED_BY = {
    "council_arranged": "The council arranges the support.",
    "direct_payment": "{name}, with a payroll firm.",
    "individual_service_fund": "A local care provider holds the money for {name}.",
    "mixed": "Part direct payment, held by {name}; the council arranges the rest.",
}
CHANGE_RATE = 0.12  # outcomes that ask for a change in what the person does
JOURNEYS = [
    ["contemplation", "decision", "action"],
    ["contemplation", "decision", "action", "lapse", "action"],
    ["pre_contemplation", "contemplation"],
    ["decision", "action", "maintenance"],
]

# (what I want, wellbeing codes, how I will know)
OUTCOMES = [
    ("I want to get out of the house more.", ["f", "g"], "I go out three times a week."),
    ("I want to stay in my own home.", ["h", "b"], "I am still at home and feel safe there."),
    ("I want to see my friends again.", ["g", "f"], "I meet a friend each week."),
    ("I want to cook my own meals.", ["b", "d"], "I cook a hot meal most days."),
    ("I want to get back to my club.", ["e", "f"], "I go every week."),
    ("I want to feel less on my own.", ["b", "g"], "I talk to someone every day."),
    ("I want to do my own shopping.", ["d", "f"], "I go to the shop on my own."),
    ("I want my family to visit as family, not as carers.", ["g", "a"], "When they come, we have time together."),
    ("I want to help out at the community centre.", ["i", "e"], "I help on one morning a week."),
    ("I want to have a bath or a shower when I like.", ["b", "a"], "I wash the way I want, when I want."),
    ("I want to sleep better.", ["b"], "I sleep most of the night."),
    ("I want to manage my own money.", ["d", "f"], "I pay my own bills on time."),
]
CHANGE_OUTCOMES = [
    ("I want to drink less, so I feel better in the mornings.", ["b"], "I drink on two days a week or fewer."),
    ("I want to stop smoking, so I can walk further.", ["b", "e"], "I walk to the park without stopping."),
    ("I want to move more each day.", ["b", "e"], "I walk for twenty minutes each day."),
    ("I want to take my tablets on time.", ["b", "d"], "I do not miss a day."),
]
SELF = [
    "do my exercises each morning",
    "write a list for the week",
    "ring a friend when I feel low",
    "try one new thing each week",
    "keep my house the way I like it",
    "plan my meals on Sundays",
]
NETWORK = [
    ("visit me and have a cup of tea", "Twice a week"),
    ("take me to the shops", "Saturdays"),
    ("ring me each evening", "Every evening"),
    ("help me with letters and forms", "When I need it"),
    ("come with me to the club", "Tuesdays"),
]
COMMUNITY = [
    ("Lunch club at the community centre", "save me a place for lunch", "Wednesdays", 450),
    ("Walking group in the park", "walk with me at my pace", "Mornings", None),
    ("Library chat group", "meet with me for a chat and a cuppa", "Fridays", None),
    ("Community bus", "take me to the shops and back", "Thursdays", 300),
    ("Men's shed", "give me a bench and a job to do", "Mondays", None),
]
TECHNOLOGY = [
    ("Falls sensor", "call for help if I fall", 450),
    ("Tablet box", "beep and open when it is time for my tablets", 620),
    ("Door sensor", "let my family know if I go out at night", 380),
    ("Alarm I wear on my wrist", "call for help when I press it", 320),
    ("Talking clock and reminders", "tell me the day and what is on", 0),
]
EQUIPMENT = [
    ("Grab rails", "help me get up the steps safely"),
    ("Shower seat", "let me sit down in the shower"),
    ("Bed rail", "help me get in and out of bed"),
    ("Perching stool", "let me sit while I cook"),
    ("Walking frame", "help me get about the house"),
]
PAID = [
    ("Home care agency", "help me wash and dress", "Every morning", (9000, 21000)),
    ("Personal assistant I employ", "help me get out and about", "Three afternoons a week", (6000, 15000)),
    ("Cleaning service", "clean the house and do the washing", "Mondays", (2500, 4500)),
    ("Day centre", "a day out with lunch", "Thursdays", (4500, 7000)),
    ("Night sitter", "stay with me at night", "Two nights a week", (12000, 20000)),
]
KINDS = [("self", 28), ("network", 26), ("community", 14), ("technology", 11), ("equipment", 7), ("paid", 14)]
SAID = ["“Getting there.”", "“Better than last time.”", "“A hard month.”", "“I am pleased with that.”", ""]
STAGE_NOTES = {
    "pre_contemplation": "Not sure it is a problem yet.",
    "contemplation": "Thinking about it, and what it would mean.",
    "decision": "Picked a day to start.",
    "action": "Has started and is keeping at it.",
    "maintenance": "Keeping it going for some months now.",
    "lapse": "Slipped back after a hard week.",
}
GOOD_LIFE = [
    "I stay in my own home. I see my family and friends. I do things my way.",
    "I get out and about. I have people to talk to. I feel useful.",
    "I am well and happy at home. My family visit as family.",
]
IF_CARER_UNWELL = "If {who} cannot come, I ring the team and they find someone else."
IF_THINGS_GO_WRONG = "If I fall or feel unwell, I press my alarm or ring 999."
WHO_TO_CALL = "{who}. My worker at the team. My doctor."
AGREEMENT_NOTES = [
    "Happy to help. Works full time, so evenings and weekends only.",
    "Glad to do it, and would like a break now and then.",
    "Tired, and was offered a carer's assessment.",
    "Lives nearby and says it is no trouble.",
]


# The plan's own fields, as council.py writes them.
PLAN_FIELDS = ("good_life", "budget", "budget_per", "managed", "managed_by")
PLAN_FIELDS += ("if_carer_unwell", "if_things_go_wrong", "who_to_call")


def _weighted(rng, pairs):
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _pounds(pence):
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


class PlanComposer:
    def __init__(self, seed):
        self.rng = random.Random(f"plans-{seed}")

    def for_person(self, name, helpers, signed_on, today, closed):
        """One person's plan as plain values, or None. `helpers` are the network members who could help
        (their index in the person's network, name, whether a carer); `signed_on` is the day their
        latest fuller assessment was signed off; `closed` says a review closed their support."""
        rng = self.rng
        if rng.random() >= PLAN_RATE:
            return None
        started = min(today, signed_on + timedelta(days=rng.randint(1, 21)))
        status = _weighted(rng, STATUS)
        agreed_on = min(today, started + timedelta(days=rng.randint(3, 20)))
        twice = status == "agreed" and rng.random() < AGREED_TWICE_RATE
        if closed and status == "agreed":
            status = "ended"
        outcomes = [self._outcome(name, helpers) for _ in range(rng.choice([1, 2, 2, 3]))]
        relied = sorted({c["member"] for o in outcomes for c in o["contributions"] if c["member"] is not None})
        managed = _weighted(rng, MANAGED)
        plan = {
            "status": status,
            "started": started,
            "agreed_on": agreed_on if status in ("agreed", "ended") else None,
            "reagreed_on": min(today, agreed_on + timedelta(days=rng.randint(60, 200))) if twice else None,
            "good_life": rng.choice(GOOD_LIFE),
            "managed": managed,
            "managed_by": MANAGED_BY[managed].format(name=name) if managed else "",
            "outcomes": outcomes,
            "agreements": [],
        }
        self._money(plan)
        first_helper = next((h[1] for h in helpers if h[0] in relied), "my family")
        plan["if_carer_unwell"] = IF_CARER_UNWELL.format(who=first_helper)
        plan["if_things_go_wrong"] = IF_THINGS_GO_WRONG
        plan["who_to_call"] = WHO_TO_CALL.format(who=first_helper)
        if status != "draft" or rng.random() < 0.5:
            carers = {h[0] for h in helpers if h[2]}
            plan["agreements"] = [
                {
                    "member": index,
                    "agreed_on": min(today, started + timedelta(days=rng.randint(0, 3))),
                    "their_wellbeing": rng.choice(AGREEMENT_NOTES),
                    "carers_assessment": index in carers,
                }
                for index in relied
            ]
        if status != "draft":
            for o in outcomes:
                self._progress(o, started, today)
        return plan

    def _outcome(self, name, helpers):
        rng = self.rng
        change = rng.random() < CHANGE_RATE
        text, wellbeing, how = rng.choice(CHANGE_OUTCOMES if change else OUTCOMES)
        kinds = {"self"} | {_weighted(rng, KINDS) for _ in range(rng.randint(0, 3))}
        if not helpers:
            kinds.discard("network")
        return {
            "text": text,
            "wellbeing": wellbeing,
            "how_we_know": how,
            "asks_for_change": change,
            "contributions": [self._contribution(kind, helpers) for kind in sorted(kinds, key=KIND_ORDER.index)],
            "scores": [],
            "stages": [],
        }

    def _contribution(self, kind, helpers):
        rng = self.rng
        part = {"kind": kind, "member": None, "who": "", "when": "", "cost": None, "cost_per": "", "from_budget": False}
        if kind == "self":
            part["what"] = rng.choice(SELF)
        elif kind == "network":
            part["member"] = rng.choice(helpers)[0]
            part["what"], part["when"] = rng.choice(NETWORK)
        elif kind == "community":
            part["who"], part["what"], part["when"], pence = rng.choice(COMMUNITY)
            if pence:
                part["cost"], part["cost_per"] = _pounds(pence), "week"
        elif kind == "technology":
            part["who"], part["what"], pence = rng.choice(TECHNOLOGY)
            if pence:
                part["cost"], part["cost_per"], part["from_budget"] = _pounds(pence), "week", True
        elif kind == "equipment":
            part["who"], part["what"] = rng.choice(EQUIPMENT)
        else:
            part["who"], part["what"], part["when"], (low, high) = rng.choice(PAID)
            part["cost"], part["cost_per"], part["from_budget"] = _pounds(rng.randint(low, high)), "week", True
        return part

    def _money(self, plan):
        """A weekly budget that covers what it pays for; with no budget, nothing is paid from one."""
        parts = [c for o in plan["outcomes"] for c in o["contributions"]]
        if not plan["managed"]:
            for c in parts:
                c["from_budget"] = False
            plan["budget"] = None
            plan["budget_per"] = ""
            return
        weekly = sum((c["cost"] for c in parts if c["from_budget"]), Decimal("0.00"))
        # Whole pounds, rounded up to the next five, with a little kept back for what comes up.
        spare = Decimal(self.rng.choice([0, 5, 10, 20]))
        plan["budget"] = Decimal((int(weekly) // 5 + 1) * 5) + spare
        plan["budget_per"] = "week"

    def _progress(self, outcome, started, today):
        rng = self.rng
        span = (today - started).days
        count = min(rng.choice([1, 2, 3, 4, 5]), span // 20 + 1)
        days = sorted({started + timedelta(days=rng.randint(0, span)) for _ in range(count)})
        score = rng.randint(2, 5)
        for day in days:
            outcome["scores"].append({"score": score, "scored_on": day, "said": rng.choice(SAID)})
            score = max(1, min(10, score + rng.choice([-1, 0, 1, 1, 2])))
        if outcome["asks_for_change"]:
            journey = rng.choice(JOURNEYS)
            step = max(1, span // (len(journey) + 1))
            outcome["stages"] = [
                {"stage": stage, "noted_on": min(today, started + timedelta(days=i * step)), "note": STAGE_NOTES[stage]}
                for i, stage in enumerate(journey)
            ]


def snapshot(plan, outcome_ids, members, review_on):
    """What a version keeps, in the shape `plans.services.snapshot` writes: `members` maps a network
    index to (id, name, relationship)."""
    parts = [c for o in plan["outcomes"] for c in o["contributions"]]
    t = totals((c["cost"], c["cost_per"], c["from_budget"]) for c in parts)
    named = {a["member"]: a for a in plan["agreements"]}
    relied = sorted({c["member"] for c in parts if c["member"] is not None}, key=lambda i: members[i][1])
    return {
        "good_life": plan["good_life"],
        "outcomes": [
            {
                "id": outcome_id,
                "text": o["text"],
                "wellbeing": o["wellbeing"],
                "how_we_know": o["how_we_know"],
                "contributions": [
                    {
                        "kind": c["kind"],
                        "network_member": members[c["member"]][0] if c["member"] is not None else None,
                        "name": members[c["member"]][1] if c["member"] is not None else "",
                        "relationship": members[c["member"]][2] if c["member"] is not None else "",
                        "who": c["who"],
                        "what": c["what"],
                        "when": c["when"],
                        "cost": str(c["cost"]) if c["cost"] is not None else None,
                        "cost_per": c["cost_per"],
                        "from_budget": c["from_budget"],
                    }
                    for c in o["contributions"]
                ],
            }
            for outcome_id, o in zip(outcome_ids, plan["outcomes"])
        ],
        "helpers": [
            {
                "network_member": members[i][0],
                "name": members[i][1],
                "agreed": i in named,
                "agreed_on": named[i]["agreed_on"].isoformat() if i in named else None,
            }
            for i in relied
        ],
        "budget": str(plan["budget"]) if plan["budget"] is not None else None,
        "budget_per": plan["budget_per"],
        "managed": plan["managed"],
        "managed_by": plan["managed_by"],
        "totals": {name: str(getattr(t, name)) for name in ("week", "year", "once", "from_budget_a_year")},
        "if_carer_unwell": plan["if_carer_unwell"],
        "if_things_go_wrong": plan["if_things_go_wrong"],
        "who_to_call": plan["who_to_call"],
        "review_on": review_on.isoformat() if review_on else None,
    }
