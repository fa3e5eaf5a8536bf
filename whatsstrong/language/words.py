"""Small word lists used by the context rules.

They decide who or what a claim is about. They are deliberately short and
common: a longer list would catch more but be harder to trust.
"""

# Staff, teams and organisations: a claim about them is not about the person.
STAFF = frozenset(
    """
i we me us myself ourselves staff carer carers worker workers team teams nurse nurses
doctor doctors gp gps consultant consultants physio physiotherapist therapist
therapists ot ots dn dns cpn sw pa pas manager managers council agency agencies
provider providers service services hospital ward surgery practice pharmacy
pharmacist chemist office department colleague colleagues student students
practitioner practitioners paramedic paramedics ambulance police officer officers
landlord housing company organisation organization authority trust board panel
court bank school college club centre dentist optician receptionist firm
coordinator assessor advocate home homes
""".split()
)

ANIMALS = frozenset(
    """
cat cats dog dogs puppy puppies kitten kittens pet pets bird birds budgie budgies
parrot fish goldfish rabbit rabbits hamster horse horses pony tortoise pigeon
pigeons fox foxes squirrel squirrels hen hens chicken chickens spaniel terrier
labrador collie greyhound
""".split()
)

THINGS = frozenset(
    """
it car cars van bus buses train trains lift boiler printer computer laptop phone
tablet system app website door machine heating oven kettle tap pipe pipes roof
building buildings flat house garden weather traffic parking meeting talk book
film puzzle task order bet call form letter prescription card payment road path
river signal wifi tv radio shop business drink drinks software engine battery
plant plants hedge dishwasher fridge freezer cooker microwave bike scooter sofa
carpet clock device alarm keysafe key keys lock window windows stairs stairlift
hoist kitchen bathroom fence budget data network vehicle bin bins leaflet poster
programme show game quiz crossword story novel song music workshop course class
lesson event match lecture speaker presentation video route photocopier
desktop screen inbox diary calendar timetable agenda
""".split()
)

PERSON_PRONOUNS = frozenset("he she they him her them his their you".split())

# Words that can sit between a subject and its verb without changing who the
# subject is ("the pharmacy has also refused").
BETWEEN_SUBJECT_AND_VERB = frozenset(
    """
has have had is are was were be been being will would can could may might must
shall should does do did also often sometimes always usually still then now again
just really initially occasionally repeatedly regularly frequently recently
clearly later already even quite very totally completely politely firmly flatly
all both apparently reportedly allegedly once twice not never no longer ever to
continues continued continue seems seemed appears appeared tends tended started
began keeps kept tried going got get gets which that who the a an
""".split()
)

TITLES = frozenset("mr mrs ms miss mx dr i".split())
STAFF_TITLES = frozenset("dr doctor nurse ot dn cpn sw pa gp".split())

# Everyday abbreviations most people know. They are not in the lexicon, and
# an all-capital word next to an abbreviation only counts as emphasis when it
# is not one of these.
EVERYDAY_ABBREVIATIONS = frozenset(
    """
GP GPs NHS OK UK TV BBC ID PIN DVD ATM ASAP AM PM A E M S USA EU CCTV MP DWP
BT MRI CT ECG BMI COVID HIV ADHD AIDS VAT PC IT
""".split()
)

# Abbreviations that are everyday words in lower case ("salt", "peg", "Mar" for March): these are
# flagged only in the letter case the lexicon gives. Every other abbreviation is found in any case.
ORDINARY_WORDS = frozenset(
    """
salt slt mar pa pas la ooh bi su sob peg pegs tia must ms pd pe am sat sun wed mash tec obs ng mi
bias sars nad nads
""".split()
)

# Rooms and homes: a label applied to one ("a cluttered flat") describes the person's home as a
# problem, so the thing rule does not excuse it.
HOMES = frozenset(
    """
flat flats house houses home bungalow maisonette room rooms bedroom bedrooms kitchen bathroom
lounge hallway hall landing property accommodation garden loft attic garage shed
""".split()
)

# Verbs whose past does not end in -ed, as (third person, past, present participle).
IRREGULAR_VERBS = {
    "feed": ("feeds", "fed", "feeding"),
    "keep": ("keeps", "kept", "keeping"),
    "put": ("puts", "put", "putting"),
    "become": ("becomes", "became", "becoming"),
    "choose": ("chooses", "chose", "choosing"),
    "leave": ("leaves", "left", "leaving"),
    "get": ("gets", "got", "getting"),
    "take": ("takes", "took", "taking"),
    "give": ("gives", "gave", "giving"),
}
