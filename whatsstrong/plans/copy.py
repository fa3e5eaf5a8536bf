"""The person's copy of their support plan: plain words, in the first person, with their preferred name.

`build` turns the plan as JSON (what `services.snapshot` gives and `PlanVersion.content` keeps) into
sections of headings, paragraphs and lists. The page (`jinja2/plans/copy.html`) and the PDF (`pdf.py`)
both draw these sections, so the two always say the same. Pure Python: no Django.

Only what is in the plan itself goes in, read key by key below: what a good life is, the outcomes and
who does what, the money the person holds, what to do if things change, who to call and the review
date. A snapshot holds nothing else today, and anything added to it later stays out until it is
written in here: no practitioner's notes, no helper's note on their own wellbeing (that is about the
carer, not for the person's copy), no sign-off comments.

`withheld_names` are names that must never appear (an alleged source of harm recorded in safeguarding;
core/withheld.py gathers them): what such a person from the network would do is left out, and the
name, or its first word on its own, becomes "someone" in any text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from whatsstrong.core.withheld import Withheld
from whatsstrong.core.withheld import fold as _fold

from .rules import pounds

MONTHS = ("January February March April May June July August September October November December").split()
PER = {"week": "a week", "year": "a year", "once": "once"}
MANAGED = {
    "direct_payment": "I get it as a direct payment, so I, or someone for me, hold the money.",
    "individual_service_fund": "A provider holds the money for me and pays for my support.",
    "council_arranged": "The council uses it to arrange my support.",
    "mixed": "It is looked after in more than one way.",
}
DRAFT = "Draft: not agreed yet"


@dataclass(frozen=True)
class Block:
    """A paragraph (`text`), or a bulleted list (`items`)."""

    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    level: int = 2  # 2 for a part of the plan, 3 for one outcome or one case within a part


@dataclass(frozen=True)
class Copy:
    title: str
    name: str  # the person's name as they like it shown
    status: str  # "Version 2, agreed on 3 March 2026" or the draft warning
    draft: bool
    sections: tuple[Section, ...]


def long_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# --- Names that must not appear: core/withheld.py keeps them out of every copy ---------------------------


# --- Sentences ------------------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _paragraphs(text: str) -> tuple[Block, ...]:
    """Text as typed: each line a paragraph; several short lines (names and numbers) a list."""
    lines = _lines(text)
    if len(lines) > 1 and all(len(line) <= 80 for line in lines):
        return (Block(items=tuple(lines)),)
    return tuple(Block(text=line) for line in lines)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


# Names that keep their capital wherever they stand in a sentence.
CALENDAR_NAMES = {
    *"monday tuesday wednesday thursday friday saturday sunday".split(),
    *"january february march april may june july august september october november december".split(),
}


def _carry_on(text: str) -> str:
    """Words that follow "will", or a comma: "Dig the beds" reads "dig the beds", "Every morning" reads
    "every morning"; "GP", "I" and the names of days and months ("Saturdays") stay as they are."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if re.sub(r"s?\W*$", "", first.lower()) in CALENDAR_NAMES:
        return text
    if first and first[0].isupper() and (len(first) == 1 or first[1:].islower()) and first not in ("I", "I'll"):
        return text[0].lower() + text[1:]
    return text


def _wants(text: str) -> str:
    """An outcome as the person's own words; "To get back to my garden" reads "I want to ..."."""
    text = " ".join(text.split())
    if text[:3].lower() == "to ":
        return _sentence("I want " + text[0].lower() + text[1:])
    return _sentence(text)


def _money(part: dict) -> str:
    if not part.get("from_budget"):
        return ""
    cost = part.get("cost")
    if cost is None:
        return " (paid for from my personal budget)"
    amount = " ".join(filter(None, [pounds(Decimal(cost)), PER.get(part.get("cost_per") or "")]))
    return f" ({amount}, paid for from my personal budget)"


def _who_does_what(part: dict, hide: Withheld) -> str:
    kind, what, when = part.get("kind"), _carry_on(part.get("what") or ""), (part.get("when") or "").strip()
    if kind == "self":
        doing = what if what.lower().startswith(("i ", "i'")) else f"I will {what}"
    elif kind == "network":
        relationship = _carry_on(part.get("relationship") or "")
        relationship = re.sub(r"^my\s+", "", relationship, flags=re.IGNORECASE)
        who = f"My {relationship} {part.get('name', '')}" if relationship else part.get("name", "")
        doing = f"{who} will {what}"
    elif kind in ("technology", "equipment"):
        # A device does not "will": its line says what it is, then what it does.
        doing = f"{(part.get('who') or '').strip()}: {what}"
    else:
        named = (part.get("service") or {}).get("name") if kind == "community" else ""
        doing = f"{(named or part.get('who') or '').strip()} will {what}"
    if what.lower().startswith("will "):
        doing = doing.replace(" will will ", " will ", 1)
    if when:
        doing += f", {_carry_on(when)}"
    return hide.hide(_sentence(doing + _money(part)) + _contact(part))


def _contact(part: dict) -> str:
    """How to reach a directory service the plan names: " To get in touch: phone, email, website." """
    service = part.get("service") or {}
    ways = [
        w.strip() for w in (service.get("phone"), service.get("email"), service.get("website")) if (w or "").strip()
    ]
    return f" To get in touch: {', '.join(ways)}." if ways else ""


def _left_out(part: dict, hide: Withheld) -> bool:
    """What a withheld person would do is not in the copy at all."""
    if part.get("kind") == "network" and _fold(part.get("name", "")) in hide.names:
        return True
    return hide.named(part.get("who") or "")


# --- The copy -------------------------------------------------------------------------------------------


def _outcomes(content: dict, hide: Withheld) -> list[Section]:
    found = []
    for outcome in content.get("outcomes") or []:
        blocks = []
        if (outcome.get("how_we_know") or "").strip():
            blocks.append(Block(text=hide.hide(_sentence("How I will know it is working: " + outcome["how_we_know"]))))
        parts = [p for p in outcome.get("contributions") or [] if not _left_out(p, hide)]
        if parts:
            blocks.append(Block(items=tuple(_who_does_what(p, hide) for p in parts)))
        else:
            blocks.append(Block(text="No one has been named to help with this yet."))
        found.append(Section(hide.hide(_wants(outcome.get("text") or "")), tuple(blocks), level=3))
    return found


def _money_section(content: dict, hide: Withheld) -> Section | None:
    blocks = []
    if content.get("budget") is not None:
        per = PER.get(content.get("budget_per") or "", "")
        blocks.append(
            Block(text=_sentence(f"My personal budget is {pounds(Decimal(content['budget']))} {per}".strip()))
        )
    if content.get("managed") in MANAGED:
        blocks.append(Block(text=MANAGED[content["managed"]]))
    if (content.get("managed_by") or "").strip():
        blocks.append(Block(text=hide.hide(_sentence("Who looks after it: " + content["managed_by"].strip()))))
    paid = Decimal((content.get("totals") or {}).get("from_budget_a_year") or "0")
    if paid > 0:
        blocks.append(Block(text=f"My budget pays for {pounds(paid)} a year of the help in this plan."))
    return Section("My money", tuple(blocks)) if blocks else None


def build(
    content: dict,
    *,
    name: str,
    version: int,
    agreed_on: datetime.date | None,
    ended: bool = False,
    withheld_names: Iterable[str] = (),
) -> Copy:
    """The copy of a plan. `agreed_on` is None for a draft that has never been agreed."""
    hide = Withheld(withheld_names)
    if agreed_on is None:
        status = f"{DRAFT}. This plan may still change."
    else:
        status = f"Version {version}, agreed on {long_date(agreed_on)}."
        if ended:
            status += " A newer plan has taken its place."
    sections = [Section("About this plan", (Block(text="This is my plan. It says what I want and who will help."),))]
    if _lines(content.get("good_life") or ""):
        sections.append(Section("What a good life is for me", _paragraphs(hide.hide(content["good_life"]))))
    outcomes = _outcomes(content, hide)
    if outcomes:
        sections.append(Section("What I want, and who will help", ()))
        sections += outcomes
    helpers = [
        hide.hide(h.get("name", ""))
        for h in content.get("helpers") or []
        if h.get("agreed") and not hide.named(h.get("name", ""))
    ]
    if helpers:
        sections.append(Section("People who said yes to helping me", (Block(items=tuple(helpers)),)))
    if money := _money_section(content, hide):
        sections.append(money)
    unwell, wrong = content.get("if_carer_unwell") or "", content.get("if_things_go_wrong") or ""
    if _lines(unwell) or _lines(wrong):
        sections.append(Section("If things change", ()))
        if _lines(unwell):
            sections.append(Section("If someone who helps me cannot come", _paragraphs(hide.hide(unwell)), level=3))
        if _lines(wrong):
            sections.append(Section("If things go wrong", _paragraphs(hide.hide(wrong)), level=3))
    if _lines(content.get("who_to_call") or ""):
        sections.append(Section("Who to call", _paragraphs(hide.hide(content["who_to_call"]))))
    if review := _date(content.get("review_on")):
        sections.append(
            Section(
                "When we will look at it again",
                (Block(text=f"We will look at this plan together by {long_date(review)}."),),
            )
        )
    sections.append(
        Section(
            "If something is wrong",
            (Block(text="If something here is wrong, or not how I would say it, I can ask for it to be changed."),),
        )
    )
    return Copy("My support plan", name, status, agreed_on is None, tuple(sections))


def plain_text(sections: Iterable[Section]) -> str:
    """The words of the sections, one sentence-ended line each, as a readability measure reads them."""
    lines = []
    for section in sections:
        lines.append(_sentence(section.heading))
        for block in section.blocks:
            lines += [_sentence(line) for line in ((block.text,) if block.text else block.items)]
    return "\n".join(line for line in lines if line)
