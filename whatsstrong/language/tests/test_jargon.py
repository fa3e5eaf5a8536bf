"""Abbreviations, service-speak, the bracket rule and everyday abbreviations."""

import pytest

from .helpers import phrases

CASES = [
    ("The OT will visit.", ["OT"]),
    ("The OTs will visit.", ["OTs"]),
    ("He needs help with ADLs.", ["ADLs"]),
    ("A DoLS application was sent.", ["DoLS"]),
    ("Opened as an S42 enquiry.", ["S42"]),
    ("Winston DNA his appointment.", ["DNA"]),
    ("He went home on D2A.", ["D2A"]),
    ("She has a care package.", ["care package"]),
    ("He needs a double-up.", ["double-up"]),
    ("He mobilises with a frame.", ["mobilises"]),
    # Lower case is not the abbreviation.
    ("She went out on the pa system.", []),
    # Explained in brackets after the abbreviation: not flagged from then on.
    ("The OT (occupational therapist) visited. The OT will return.", []),
    # Uses before the explanation are flagged.
    ("The OT came. The OT (occupational therapist) will return. The OT left.", ["OT"]),
    # Explained the other way round: the expansion is not flagged either.
    ("The package of care (POC) starts Monday. The POC is four calls.", []),
    ("Direct payments (DP) help Ravi pick his own PA (personal assistant).", []),
    ("Activities of daily living (ADLs) are fine, and ADLs are recorded.", []),
    # An explanation of one abbreviation does not explain another.
    ("The OT (occupational therapist) and the DN visited.", ["DN"]),
    # A date in brackets is not an explanation.
    ("The OT (Tuesday) will call.", ["OT"]),
    # The explanation inside brackets is not flagged even if it is jargon.
    ("The POC (package of care) is four calls.", []),
    # Service-speak explained in brackets.
    ("A double-up (two carers at each visit) is needed.", []),
    # Everyday abbreviations, units, times, initials, shop names.
    ("She saw her GP and went to A&E on the NHS.", []),
    ("OK, he lost 5kg and takes 20mg at 3pm.", []),
    ("J. Smith from the housing office rang.", []),
    ("She shops at M&S on Saturdays.", []),
    # Capitals for emphasis are not jargon.
    ("She was VERY clear about it.", []),
    ("NO SALT in her food please.", []),
    ("DO NOT ring before 10am.", []),
    ("The SALT visited.", ["SALT"]),
    # Postcodes and DNA evidence are other senses.
    ("Sheffield S42 7AB.", []),
    ("His DNA test results came back.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_jargon(text, expected):
    assert phrases(text) == expected
