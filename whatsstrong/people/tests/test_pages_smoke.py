def test_the_person_page_shows_the_preferred_name(client_for, peggy):
    response = client_for("alice").get(peggy.get_absolute_url())
    assert response.status_code == 200
    assert "Peggy Okafor" in response.content.decode()
