"""The directory's pages through the test client: who may open what, bad input kept, and the
journey from a person's record to a suggestion and how it went."""

import pytest
from django.urls import reverse

from whatsstrong.directory import services
from whatsstrong.directory.models import Organisation, Service, Signpost

from .conftest import term

pytestmark = pytest.mark.django_db


def at(name, *args):
    return reverse(f"directory:{name}", args=args)


@pytest.mark.parametrize("who", ["alice", "dina", "quinn", "adam"])
def test_every_member_of_staff_finds_the_directory_in_the_menu_and_can_search_it(client_for, directory, who):
    client = client_for(who)
    assert 'href="/directory/"' in client.get(reverse("home")).content.decode()
    html = client.get(at("search"), {"q": "knit"}).content.decode()
    assert "1 service found" in html and "Knit and Natter" in html


def test_signed_out_visitors_are_sent_to_sign_in(client, directory):
    assert client.get(at("search")).status_code == 302
    assert client.get(at("service", directory.knit.pk)).status_code == 302


def test_practitioners_read_but_do_not_change_the_directory(client_for, directory):
    client = client_for("alice")
    page = client.get(at("service", directory.knit.pk)).content.decode()
    assert "Knit and Natter" in page and "Change this service" not in page
    for url in (
        at("service_change", directory.knit.pk),
        at("opening_times", directory.knit.pk),
        at("organisation_new"),
        at("review"),
    ):
        assert client.get(url).status_code == 403
    assert client.post(at("service_checked", directory.knit.pk)).status_code == 403


def test_an_editor_adds_an_organisation_a_place_and_a_service(client_for):
    client = client_for("dina")
    response = client.post(at("organisation_new"), {"name": "Bell Green Allotments", "website": "bellgreen.org.uk"})
    organisation = Organisation.objects.get()
    assert response.url == organisation.get_absolute_url() and organisation.website == "https://bellgreen.org.uk"
    client.post(
        at("location_new", organisation.pk),
        {
            "name": "Plot 4",
            "address": "Bell Green Road",
            "town": "Coventry",
            "postcode": "cv2 1aa",
            "latitude": "52.43",
            "longitude": "-1.47",
        },
    )
    place = organisation.locations.get()
    assert place.postcode == "CV2 1AA"
    response = client.post(
        at("service_new", organisation.pk),
        {
            "name": "Grow Together",
            "kind": "group",
            "status": "active",
            "cost": "free",
            "categories": [str(term("gardening").pk)],
            "locations": [str(place.pk)],
        },
    )
    grow = Service.objects.get()
    assert response.url == grow.get_absolute_url()
    assert list(grow.categories.all()) == [term("gardening")] and list(grow.locations.all()) == [place]


def test_a_bad_service_form_says_what_is_wrong_and_keeps_what_was_typed(client_for, directory):
    response = client_for("dina").post(
        at("service_change", directory.walk.pk),
        {
            "version": directory.walk.version,
            "name": "Wednesday Walking Group",
            "kind": "activity",
            "status": "active",
            "description": "Kept when the form comes back",
            "cost": "free",
            "cost_amount": "2",
            "minimum_age": "90",
            "maximum_age": "50",
            "email": "not an email",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in html
    assert "A free service has no amount" in html
    assert "The youngest age must not be more than the oldest" in html
    assert "Enter an email address like name@example.org" in html
    assert "Kept when the form comes back" in html


def test_an_editor_changing_a_service_someone_else_changed_sees_both(client_for, staff, directory):
    services.service_save(
        actor=staff["adam"],
        organisation=directory.centre,
        service_id=directory.walk.pk,
        expected_version=directory.walk.version,
        data={"description": "Now starting from the library steps."},
    )
    html = (
        client_for("dina")
        .post(
            at("service_change", directory.walk.pk),
            {
                "version": directory.walk.version,
                "name": "Wednesday Walking Group",
                "kind": "activity",
                "status": "active",
                "description": "Mine",
            },
        )
        .content.decode()
    )
    assert "Adam Test saved changes while you were editing" in html
    assert "Now starting from the library steps." in html and "Mine" in html


def test_opening_times_typed_wrong_are_explained(client_for, directory):
    client = client_for("dina")
    data = {"version": directory.knit.version, "opens_1_1": "10am", "closes_1_1": "9am", "opens_3_1": "half ten"}
    html = client.post(at("opening_times", directory.knit.pk), data).content.decode()
    assert "The closing time must be after the opening time" in html and "Enter a time like 10:00" in html
    data = {
        "version": directory.knit.version,
        "opens_1_1": "10am",
        "closes_1_1": "12:30",
        "opens_4_1": "18.00",
        "closes_4_1": "8pm",
    }
    client.post(at("opening_times", directory.knit.pk), data)
    page = client.get(at("service", directory.knit.pk)).content.decode()
    assert "10:00 to 12:30" in page and "18:00 to 20:00" in page


def test_search_errors_are_shown_on_the_page(client_for, directory):
    html = (
        client_for("alice").get(at("search"), {"near": "Foleshill", "time": "noonish", "age": "200"}).content.decode()
    )
    assert "<title>Error:" in html
    assert (
        "Enter a postcode, like CV1 2GN" in html
        and "Enter a time like 10:00" in html
        and "Enter an age from 0 to 120" in html
    )


def test_a_postcode_nobody_in_the_directory_shares_is_said_plainly(client_for, directory):
    html = client_for("alice").get(at("search"), {"near": "SW1A 1AA"}).content.decode()
    assert "We cannot work out distances from SW1A 1AA" in html
    assert "5 services found" in html


def test_searching_for_a_person_starts_near_them_and_offers_to_suggest(client_for, peggy, directory):
    peggy.postcode = "CV6 5AA"
    peggy.save()
    client = client_for("alice")
    html = client.get(at("search"), {"person": peggy.pk}).content.decode()
    assert 'value="CV6 5AA"' in html and "Looking for something for Peggy" in html
    html = client.get(at("search"), {"person": peggy.pk, "near": "CV6 5AA", "q": "knit"}).content.decode()
    assert "under 0.1 miles" in html and "Suggest to Peggy" in html


def test_someone_without_a_people_role_cannot_search_for_a_person(client_for, peggy, directory):
    assert client_for("dina").get(at("search"), {"person": peggy.pk}).status_code == 403


def test_signposting_from_the_persons_page_to_how_it_went(client_for, peggy, directory):
    client = client_for("alice")
    person_page = client.get(peggy.get_absolute_url()).content.decode()
    assert "Find community support" in person_page and "No community services suggested yet" in person_page
    response = client.post(
        reverse("directory:signpost_new", args=[peggy.pk, directory.knit.pk]), {"why": "She misses her knitting circle"}
    )
    assert response.url == peggy.get_absolute_url()
    signpost = Signpost.objects.get()
    person_page = client.get(peggy.get_absolute_url()).content.decode()
    assert "Knit and Natter" in person_page and "Record how it went" in person_page
    response = client.post(
        reverse("directory:signpost", args=[peggy.pk, signpost.pk]),
        {"version": 1, "tried": "yes", "helped": "a_little", "their_words": "“It gets me out on a Tuesday”"},
    )
    assert response.status_code == 302
    person_page = client.get(peggy.get_absolute_url()).content.decode()
    assert "It gets me out on a Tuesday" in person_page
    history = client_for("carol").get(reverse("people:history", args=[peggy.pk])).content.decode()
    assert "Suggested: Knit and Natter" in history


def test_the_service_page_counts_how_it_helped_and_never_says_who(client_for, staff, peggy, directory):
    made = services.signpost_add(actor=staff["alice"], person=peggy, service_id=directory.knit.pk)
    services.signpost_update(
        actor=staff["alice"],
        person=peggy,
        signpost_id=made.pk,
        expected_version=1,
        data={"tried": "yes", "helped": "yes"},
    )
    for who in ("dina", "bob"):
        html = client_for(who).get(at("service", directory.knit.pk)).content.decode()
        assert "Suggested 1 time. Tried 1 time; it helped 1 time." in html
        assert "Peggy" not in html and "Okafor" not in html and "Alice" not in html


def test_a_helped_answer_without_trying_is_refused_on_the_page(client_for, staff, peggy, directory):
    made = services.signpost_add(actor=staff["alice"], person=peggy, service_id=directory.knit.pk)
    html = (
        client_for("alice")
        .post(
            reverse("directory:signpost", args=[peggy.pk, made.pk]),
            {"version": 1, "tried": "no", "helped": "yes", "their_words": "Kept"},
        )
        .content.decode()
    )
    assert "They have not tried it" in html and "Kept" in html


def test_recording_a_gap_from_the_persons_record(client_for, peggy, directory):
    peggy.postcode = "CV6 1GQ"
    peggy.save()
    client = client_for("alice")
    assert 'value="CV6"' in client.get(reverse("directory:person_gap", args=[peggy.pk])).content.decode()
    html = client.post(
        reverse("directory:person_gap", args=[peggy.pk]), {"area": "", "who": "", "need": ""}
    ).content.decode()
    assert "Enter where it is needed" in html and "Say who it would be for" in html
    client.post(
        reverse("directory:person_gap", args=[peggy.pk]),
        {"category": str(term("walking").pk), "area": "CV6", "who": "Men over 60", "need": "Walking football"},
    )
    gaps = client_for("quinn").get(at("gaps")).content.decode()
    assert "Walking groups" in gaps and "Walking football" in gaps and "Peggy" not in gaps
    assert client_for("alice").get(at("gaps")).status_code == 403


def test_the_review_list_shows_entries_due_a_check_and_marks_them(client_for, directory):
    client = client_for("dina")
    assert "5 due" in client.get(at("review")).content.decode()  # everything but the closed choir
    response = client.post(at("service_checked", directory.knit.pk), {"next": "review"})
    assert response.url == at("review")
    assert "4 due" in client.get(at("review")).content.decode()


def test_the_search_page_leads_editors_to_their_lists_and_managers_to_the_gaps(client_for, directory):
    assert 'href="/directory/review/"' in client_for("dina").get(at("search")).content.decode()
    quinn = client_for("quinn").get(at("search")).content.decode()
    assert 'href="/directory/gaps/"' in quinn and 'href="/directory/review/"' not in quinn
    alice = client_for("alice").get(at("search")).content.decode()
    assert 'href="/directory/gaps/"' not in alice
