"""Each context rule, as a table of sentences and what should be flagged."""

import pytest

from .helpers import phrases

CASES = [
    # Negated or no longer true claims about conduct are not flagged.
    ("He has not wandered since the move.", []),
    ("Mrs Okafor never refused a visit.", []),
    ("She no longer refuses her tablets.", []),
    ("He stopped refusing breakfast once the times changed.", []),
    ("There have been no refusals this month.", []),
    ("Her wandering has stopped since she joined the walking group.", []),
    ("He hasn't struggled with the stairs since the rail went in.", []),
    ("Gurpreet has never, in all the years we have known him, refused help.", []),
    ("There is no doubt that she refuses the night call.", ["refuses"]),
    # Labels objectionable in themselves are flagged even when negated.
    ("He isn't wheelchair-bound now.", ["wheelchair-bound"]),
    ("She is no longer housebound.", ["housebound"]),
    ("Mr Green is not a hoarder.", ["hoarder"]),
    # Conditionals are not negations.
    ("Should he refuse, call his daughter.", ["refuse"]),
    ("If she refuses the tablets, note it on the chart.", ["refuses"]),
    ("If he does not refuse, carers will stay for lunch.", []),
    # Claims about staff, organisations, animals and things are not flagged.
    ("I struggled with the parking.", []),
    ("We struggled to find a date.", []),
    ("The pharmacy refused the prescription.", []),
    ("The agency refused to cover the Sunday call.", []),
    ("Dr Khan refused the referral.", []),
    ("The cat wanders in most evenings.", []),
    ("The printer refused to work.", []),
    ("The old van is rusty and struggles on hills.", []),
    ("She called the GP and refused the appointment.", ["refused"]),
    ("The carer said Ayesha refused lunch.", ["refused"]),
    ("Staff report wandering at night.", ["wandering"]),
    ("Refused lunch.", ["Refused"]),
    # Labels applied to things or animals are not flagged.
    ("The dog is elderly and sleeps all day.", []),
    ("Her laptop is elderly and slow.", []),
    ("An elderly laptop sits on the desk.", []),
    ("An elderly neighbour calls in.", ["elderly"]),
    # Quotation marks: verbatim words are never flagged.
    ('She said "I refuse to go" and laughed.', []),
    ("He called himself 'a bit of a hoarder' with a smile.", []),
    ("Her words were: \u201cI wander when I can\u2019t sleep.\u201d", []),
    ("Winston said \u2018I struggle with the buttons\u2019.", []),
    ("He said 'I won't be fed like a baby.'", []),
    # Reported speech without quotation marks is the writer's wording.
    ("She told me she refuses to see the GP.", ["refuses"]),
    ("His daughter says he wanders at night.", ["wanders"]),
    # Apostrophes are not quotation marks.
    ("Mrs Khan's son says she refuses help.", ["refuses"]),
    # Other senses.
    ("He placed a bet on the Grand National.", []),
    ("She feeds the fish every morning.", []),
    ("He is fed up with the noise.", []),
    ("The coach was bound for Leeds.", []),
    ("The volunteer gave an engaging talk.", []),
    ("She enjoys a challenging puzzle.", []),
    ("They suffered a burst pipe in January.", []),
    ("Police took a DNA sample.", []),
    ("He lives at 4 Hill Road, Sheffield S42 7AB.", []),
    ("The new building is compliant with fire rules.", []),
    ("The refuse collection is on Thursdays.", []),
    ("The student on placement shadowed me.", []),
    ("His thoughts wander when he is tired.", []),
    ("She has an aggressive cancer.", []),
    # Recognised legal and clinical terms.
    ("Mr Patel lacks capacity to decide where to live.", []),
    ("She has hoarding disorder.", []),
    ("She is an adult at risk.", []),
    ("The plan describes behaviour that challenges.", []),
    # Proper names.
    ("She chairs the Elderly Persons Advisory Forum.", []),
    ("He was referred to Victim Support.", []),
    ("Elderly residents use the lounge.", ["Elderly"]),
    ("Refused Mrs Khan's offer of tea.", ["Refused"]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_context_rule(text, expected):
    assert phrases(text) == expected
