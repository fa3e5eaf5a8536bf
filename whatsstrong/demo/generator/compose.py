"""Synthetic people for benchmarks, composed from the name and phrase lists (no Django here).

Everything comes from one seeded random generator, so the same seed gives the same council.
NHS numbers come from the 999 range, which is never issued to real patients.
"""

import json
import random
from datetime import timedelta
from pathlib import Path

from whatsstrong.people import rules

HERE = Path(__file__).resolve().parent
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
TEST_NHS_PREFIX = "999"
MAX_PEOPLE = 800_000  # the 999 range holds about 909,000 valid numbers


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def weighted(rng, pairs):
    """Pick from [[value, weight], ...]."""
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


_CUMULATIVE = {}


def skewed(rng, items):
    """Pick from a list ordered most common first (a gentle Zipf curve: rank r weighs 1/(r+5))."""
    held = _CUMULATIVE.get(id(items))
    if held is None or held[0] is not items:
        total, cumulative = 0.0, []
        for rank in range(len(items)):
            total += 1 / (rank + 5)
            cumulative.append(total)
        held = _CUMULATIVE[id(items)] = (items, cumulative)
    cumulative = held[1]
    return rng.choices(items, cum_weights=cumulative)[0]


def nhs_number(rng, used):
    while True:
        digits = TEST_NHS_PREFIX + "".join(rng.choice("0123456789") for _ in range(6))
        total = sum(int(d) * w for d, w in zip(digits, rules.NHS_WEIGHTS)) % 11
        check = (11 - total) % 11
        if check == 10:
            continue
        number = digits + str(check)
        if number not in used:
            used.add(number)
            return number


def postcode(rng, place):
    inward = f"{rng.randint(0, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    return f"{rng.choice(place['outward'])} {inward}"


class Composer:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        names = load("names.json")
        self.groups = names["groups"]
        self.group_weights = [g["weight"] for g in self.groups]
        self.nicknames = names["nicknames"]
        self.phrases = load("phrases.json")
        self.used_nhs = set()

    # --- names -------------------------------------------------------------------------------

    def group(self):
        return self.rng.choices(self.groups, weights=self.group_weights)[0]

    def name(self, group=None, gender=None):
        rng = self.rng
        group = group or self.group()
        gender = gender or rng.choice(("female", "male"))
        given = skewed(rng, group[gender])
        # Some families mix traditions; some people have two given names.
        family_group = self.group() if rng.random() < 0.08 else group
        family = skewed(rng, family_group["family"])
        if rng.random() < 0.06:
            second = skewed(rng, group[gender])
            if second != given:
                given = f"{given} {second}"
        return given, family, gender

    def preferred(self, given):
        rng = self.rng
        first = given.split()[0]
        if first in self.nicknames and rng.random() < 0.35:
            return rng.choice(self.nicknames[first])
        if " " in given and rng.random() < 0.3:
            return given.split()[1]
        return ""

    def staff_name(self):
        given, family, _ = self.name()
        return given.split()[0], family

    def team_names(self, count):
        places = [p["town"] for p in self.phrases["places"]]
        quarters = ["North", "South", "East", "West", "Central", "Riverside", "Hillcrest", "Parkside"]
        names = [f"{town} {quarter} Locality Team" for quarter in quarters for town in places]
        for extra in range(len(names), count):
            names.append(f"{places[extra % len(places)]} Locality Team {extra // len(places) + 1}")
        return names[:count]

    # --- a person ------------------------------------------------------------------------------

    def person(self, today):
        rng, p = self.rng, self.phrases
        group = self.group()
        given, family, gender = self.name(group)
        place = rng.choice(p["places"])
        age = 18 + int(rng.betavariate(2.6, 1.4) * 84)
        born = today - timedelta(days=age * 365 + rng.randint(0, 364))
        pronoun = weighted(rng, [["", 70], ["mine", 28], ["they/them", 2]])
        difficulties = [rng.random() < 0.12 for _ in range(4)] if rng.random() < 0.25 else [False] * 4
        language = weighted(rng, group["languages"])
        house = f"{rng.randint(1, 180)} {rng.choice(p['streets'])}"
        if rng.random() < 0.25:
            house = f"{rng.choice(p['flats'])}, {house}"
        return {
            "given_name": given,
            "family_name": family,
            "preferred_name": self.preferred(given),
            "pronouns": ("she/her" if gender == "female" else "he/him") if pronoun == "mine" else pronoun,
            "date_of_birth": born if rng.random() < 0.97 else None,
            "nhs_number": nhs_number(rng, self.used_nhs) if rng.random() < 0.95 else "",
            "address": f"{house}\n{place['town']}",
            "postcode": postcode(rng, place),
            "preferred_language": language,
            "interpreter_needed": language != "English" and rng.random() < 0.4,
            "communication_needs": rng.choice(p["communication"]),
            "culture_and_identity": rng.choice(p["culture"]),
            "religion_or_belief": weighted(rng, group["religions"]),
            "life_story": rng.choice(p["life_story"]),
            "what_matters": " ".join(rng.sample(p["what_matters"], rng.randint(1, 3))),
            "good_day": rng.choice(p["good_day"]),
            "interests": ", ".join(rng.sample(p["interests"], rng.randint(1, 4))),
            "skills_and_talents": ". ".join(rng.sample(p["skills"], rng.randint(1, 3))) + ".",
            "proud_of": rng.choice(p["proud_of"]),
            "consent_to_involve": weighted(rng, [["yes", 60], ["some", 15], ["not_asked", 20], ["no", 5]]),
            "consent_to_share": weighted(rng, [["yes", 55], ["some", 15], ["not_asked", 25], ["no", 5]]),
            "capacity_note": rng.choice(p["capacity"]),
            "difficulty_understanding": difficulties[0],
            "difficulty_retaining": difficulties[1],
            "difficulty_weighing": difficulties[2],
            "difficulty_communicating": difficulties[3],
            "appropriate_person": weighted(rng, [["not_considered", 50], ["yes", 40], ["no", 10]])
            if any(difficulties)
            else "not_considered",
            "restricted": rng.random() < 0.03,
        }, group

    def network(self, person, group):
        """3 to 6 people and groups around the person, as field dicts."""
        rng, kinds = self.rng, {k["kind"]: k for k in self.phrases["network"]}
        members = []
        carer_given = rng.random() < 0.3
        plan = ["family"] + rng.choices(
            ["family", "friend", "neighbour", "community", "professional", "pet"],
            weights=[30, 20, 15, 15, 15, 5],
            k=rng.randint(2, 5),
        )
        for kind in plan:
            spec = kinds[kind]
            if kind == "family":
                given, _, _ = self.name(group)
                name = f"{given.split()[0]} {person['family_name']}"
            elif kind in ("friend", "neighbour"):
                given, family, _ = self.name()
                name = f"{given.split()[0]} {family}"
            elif kind == "community":
                name = rng.choice(self.phrases["community_names"])
            elif kind == "professional":
                name = f"Dr {self.name()[1]}" if rng.random() < 0.5 else f"{rng.choice(self.phrases['streets'])} Care"
            else:
                name = rng.choice(self.phrases["pet_names"])
            members.append(
                {
                    "name": name,
                    "relationship": rng.choice(spec["relationship"]),
                    "kind": kind,
                    "closeness": rng.choice(spec["closeness"]),
                    "what_they_bring": rng.choice(spec["brings"]),
                    "is_carer": kind == "family" and carer_given and not any(m["is_carer"] for m in members),
                    "has_died": kind in ("family", "friend") and rng.random() < 0.03,
                }
            )
        return members

    def assets(self, count_members):
        """3 to 6 strengths, every level at least once; network ones may name a member (by index)."""
        rng, a = self.rng, self.phrases["assets"]
        levels = ["own", "network", "community"] + rng.choices(["own", "network", "community"], k=rng.randint(0, 3))
        made = []
        for level in levels:
            own_words = level == "own" and rng.random() < 0.3
            made.append(
                {
                    "level": level,
                    "description": rng.choice(a["own_words"] if own_words else a[level]),
                    "in_their_words": own_words,
                    "member_index": rng.randrange(count_members) if level == "network" and rng.random() < 0.6 else None,
                }
            )
        return made

    # --- allocation -----------------------------------------------------------------------------

    def caseload_sizes(self, people):
        """How many people each practitioner in a team holds: 30 to 60 each, about 3% unallocated."""
        allocated = people - people // 33
        count = max(1, round(allocated / 45))
        weights = [self.rng.randint(30, 60) for _ in range(count)]
        sizes = [allocated * w // sum(weights) for w in weights]
        for i in range(allocated - sum(sizes)):
            sizes[i % count] += 1
        return sizes
