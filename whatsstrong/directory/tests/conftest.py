"""A small directory, set up through the services as Dina (the directory editor) would."""

import datetime
from types import SimpleNamespace

import pytest

from whatsstrong.directory import services
from whatsstrong.directory.models import TaxonomyTerm

# Two places in Coventry about 3.3 km apart, and one in Leamington Spa, 14 km south.
FOLESHILL = {"latitude": 52.4262, "longitude": -1.4931}
CITY_CENTRE = {"latitude": 52.4068, "longitude": -1.5197}
LEAMINGTON = {"latitude": 52.2852, "longitude": -1.5201}


def term(code):
    return TaxonomyTerm.objects.get(taxonomy__code="whatsstrong-community", code=code)


def place(dina, organisation, name, postcode, where, **more):
    data = {"name": name, "address": "1 High Street", "town": "Coventry", "postcode": postcode, **where, **more}
    return services.location_save(actor=dina, organisation=organisation, data=data)


def service(dina, organisation, name, *, categories=(), places=(), sessions=(), **data):
    made = services.service_save(
        actor=dina,
        organisation=organisation,
        data={"name": name, **data},
        categories=[term(c) for c in categories],
        locations=list(places),
    )
    if sessions:
        made = services.opening_times_save(
            actor=dina, service_id=made.pk, expected_version=made.version, sessions=list(sessions)
        )
    return made


@pytest.fixture
def dina(staff):
    return staff["dina"]


@pytest.fixture
def directory(dina):
    """Foleshill Community Centre runs a knit and natter group, a walking group and a lunch club; Age
    Friendly Leamington runs a memory cafe far to the south; a choir has closed for good."""
    centre = services.organisation_save(
        actor=dina, data={"name": "Foleshill Community Centre", "description": "A centre run by local people."}
    )
    hall = place(dina, centre, "Foleshill Community Centre", "CV6 5AA", FOLESHILL, accessibility="Step-free entrance")
    library = place(dina, centre, "Central Library", "CV1 4DS", CITY_CENTRE)
    knit = service(
        dina,
        centre,
        "Knit and Natter",
        kind="group",
        description="Bring your knitting or learn from scratch, with tea and biscuits.",
        categories=["arts-crafts", "social-clubs"],
        places=[hall],
        sessions=[(1, datetime.time(10), datetime.time(12))],
        cost="free",
        minimum_age=18,
        languages="English, Punjabi",
    )
    walk = service(
        dina,
        centre,
        "Wednesday Walking Group",
        kind="activity",
        description="A gentle hour round the park, finishing with a cuppa.",
        categories=["walking"],
        places=[library],
        sessions=[(2, datetime.time(14), datetime.time(15, 30))],
        cost="charge",
        cost_amount="1.50",
        cost_note="for the tea",
        minimum_age=50,
        maximum_age=90,
    )
    lunch = service(
        dina,
        centre,
        "Friday Lunch Club",
        kind="cafe",
        description="A hot two-course meal and good company.",
        categories=["lunch-clubs"],
        places=[hall, library],
        sessions=[(4, datetime.time(12), datetime.time(14))],
        cost="charge",
        cost_amount="3.00",
    )
    leamington = services.organisation_save(actor=dina, data={"name": "Age Friendly Leamington"})
    spa = place(dina, leamington, "Spa Centre", "CV32 4AA", LEAMINGTON, town="Leamington Spa")
    memory = service(
        dina,
        leamington,
        "Memory Cafe",
        kind="cafe",
        description="For people living with memory loss and those who care for them.",
        categories=["memory"],
        places=[spa],
        sessions=[(1, datetime.time(14), datetime.time(16))],
        cost="free",
    )
    choir = service(dina, centre, "Foleshill Community Choir", kind="group", categories=["music"], status="defunct")
    phone = service(dina, centre, "Telephone Befriending", kind="befriending", categories=["befriending"], cost="free")
    return SimpleNamespace(
        centre=centre,
        hall=hall,
        library=library,
        knit=knit,
        walk=walk,
        lunch=lunch,
        leamington=leamington,
        spa=spa,
        memory=memory,
        choir=choir,
        phone=phone,
    )
