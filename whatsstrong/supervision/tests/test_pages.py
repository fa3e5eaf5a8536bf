"""Supervision pages as their users see them: recording a session, a case discussion with the model's
prompts and the person's preferred name, agreeing an action that appears on the person's record and
the caseload, and every form coming back with specific errors and nothing typed lost."""

from whatsstrong.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession


def test_a_supervisor_records_a_session_with_a_discussion_and_an_action(client_for, staff, peggy):
    client = client_for("carol")
    alice = staff["alice"]
    made = client.post(
        f"/supervision/staff/{alice.pk}/new/",
        {"held_on_0": "2", "held_on_1": "3", "held_on_2": "2026", "agenda": "Peggy's move", "wellbeing": "Tired"},
    )
    session = SupervisionSession.objects.get()
    assert made.url == f"/supervision/sessions/{session.pk}/"
    started = client.post(
        f"/supervision/sessions/{session.pk}/discussions/new/", {"person": str(peggy.pk), "model": "head_heart_hands"}
    )
    discussion = CaseDiscussion.objects.get()
    assert started.url == f"/supervision/sessions/{session.pk}/discussions/{discussion.pk}/"
    page = client.get(started.url)
    assert "How do you think Peggy felt, and what tells you so?" in page.content.decode()
    client.post(started.url, {"version": "1", "step_heart": "Peggy was anxious but hopeful."})
    discussion.refresh_from_db()
    assert discussion.reflections == {"heart": "Peggy was anxious but hopeful."}
    client.post(
        f"/supervision/sessions/{session.pk}/actions/new/",
        {"what": "Book a home visit with Peggy", "person": str(peggy.pk), "owner": str(alice.pk)},
    )
    assert SupervisionAction.objects.get().person_id == peggy.pk
    record = client_for("alice").get(f"/people/{peggy.pk}/").content.decode()
    assert "Book a home visit with Peggy" in record and "Discussed in supervision" in record
    assert "Book a home visit with Peggy" in client_for("alice").get("/").content.decode()


def test_bad_input_keeps_every_word_and_names_the_problem(client_for, staff, session):
    client = client_for("carol")
    page = client.post(
        f"/supervision/staff/{staff['alice'].pk}/new/",
        {"held_on_0": "31", "held_on_1": "2", "held_on_2": "2026", "agenda": "", "learning": "A reading list"},
    ).content.decode()
    assert "Date of the session must be a real date" in page
    assert "Enter what the supervisee wants from this session" in page
    assert "A reading list" in page
    page = client.post(
        f"/supervision/sessions/{session.pk}/actions/new/",
        {"what": "Ring the GP", "owner": str(staff["alice"].pk), "due_on_0": "1", "due_on_1": "1", "due_on_2": "2020"},
    ).content.decode()
    assert "The date it is due must be the same as or after the session" in page and "Ring the GP" in page
    page = client.post(f"/supervision/sessions/{session.pk}/discussions/new/", {"model": "freud"}).content.decode()
    assert "Choose someone from the list" in page or "Choose who the case discussion is about" in page
    assert "Choose one of the reflective models listed" in page
    page = client.post(f"/supervision/staff/{staff['alice'].pk}/frequency/", {"every_weeks": "40"}).content.decode()
    assert "Enter a number of weeks from 1 to 26" in page and 'value="40"' in page


def test_a_supervisee_prepares_the_agenda_and_others_cannot(client_for, staff, session):
    alice = staff["alice"]
    assert client_for("alice").get(f"/supervision/staff/{alice.pk}/new/").status_code == 200
    assert client_for("bob").get(f"/supervision/staff/{alice.pk}/new/").status_code == 403
    assert client_for("bob").get(f"/supervision/sessions/{session.pk}/").status_code == 404
    assert client_for("sam").get(f"/supervision/staff/{alice.pk}/frequency/").status_code == 403


def test_the_case_discussion_is_read_from_the_record_without_wellbeing(client_for, peggy, discussion):
    page = client_for("quinn").get(f"/people/{peggy.pk}/supervision/{discussion.pk}/").content.decode()
    assert "Peggy is walking further each week." in page
    assert "father is unwell" not in page


def test_a_self_reflection_is_recorded_with_the_person(client_for, peggy):
    from whatsstrong.supervision import rules
    from whatsstrong.supervision.models import QUESTIONS, SelfReflection

    client = client_for("alice")
    page = client.post(f"/people/{peggy.pk}/reflect/", {"q_jargon": "yes", "notes": "Explain POC"}).content.decode()
    assert rules.ANSWER_NEEDED in page and "Explain POC" in page
    answers = {f"q_{c}": "yes" for c in rules.question_codes(QUESTIONS)}
    done = client.post(f"/people/{peggy.pk}/reflect/", {**answers, "notes": "Explain POC"})
    made = SelfReflection.objects.get()
    assert done.url == made.get_absolute_url()
    assert "Explain POC" in client.get(done.url).content.decode()
