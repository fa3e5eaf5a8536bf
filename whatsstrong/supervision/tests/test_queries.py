"""The overview's and history's explicit SQL, checked against what the ORM says about the same rows:
who a supervisor oversees (their team's practitioners, anyone naming them, never someone named to
another supervisor), each one's last session held (a planned one ahead does not count) and frequency."""

import datetime

from django.db.models import Max, Q

from whatsstrong.core.models import Role, User
from whatsstrong.supervision import queries, services
from whatsstrong.supervision.models import Supervisee, SupervisionSession

TODAY = datetime.date(2026, 4, 1)


def orm_overview(user):
    staff = User.objects.filter(is_active=True, role__in=[Role.PRACTITIONER, Role.SUPERVISOR]).exclude(pk=user.pk)
    if user.role == Role.SUPERVISOR:
        named = dict(Supervisee.objects.values_list("user_id", "supervisor_id"))
        staff = [
            u
            for u in staff.filter(
                Q(team_id=user.team_id, role=Role.PRACTITIONER) | Q(supervision__supervisor_id=user.pk)
            )
            if named.get(u.pk) in (None, user.pk)
        ]
    result = {}
    for u in staff:
        last = SupervisionSession.objects.filter(supervisee=u, held_on__lte=TODAY).aggregate(m=Max("held_on"))["m"]
        weeks = Supervisee.objects.filter(pk=u.pk).values_list("every_weeks", flat=True).first() or 4
        result[u.pk] = (u.display_name, last, weeks)
    return result


def sql_overview(user):
    return {m.pk: (m.display_name, s.last_held_on, s.every_weeks) for m, s in queries.overview(user, TODAY)}


def test_the_overview_sql_agrees_with_the_orm(staff, teams):
    carol, sam, alice, bob = staff["carol"], staff["sam"], staff["alice"], staff["bob"]
    extra = User.objects.create(
        username="nell", first_name="Nell", last_name="", role=Role.PRACTITIONER, team=teams["north"]
    )
    for held in (datetime.date(2026, 1, 5), datetime.date(2026, 3, 2)):
        services.session_add(actor=carol, supervisee=alice, data={"held_on": held, "agenda": "x"})
    services.session_add(actor=carol, supervisee=alice, data={"held_on": datetime.date(2026, 5, 1), "agenda": "ahead"})
    services.set_frequency(actor=carol, supervisee=alice, every_weeks=6)
    services.set_frequency(actor=sam, supervisee=bob, every_weeks=2)
    Supervisee.objects.create(user=extra, supervisor=sam, every_weeks=3)  # named to South's supervisor
    for user in (carol, sam, staff["quinn"]):
        assert sql_overview(user) == orm_overview(user), user.username
    assert set(sql_overview(carol)) == {alice.pk}
    assert set(sql_overview(sam)) == {bob.pk, extra.pk}
    assert sql_overview(carol)[alice.pk] == ("Alice Test", datetime.date(2026, 3, 2), 6)


def test_the_history_sql_gives_every_session_latest_first(staff):
    carol, alice = staff["carol"], staff["alice"]
    made = [
        services.session_add(actor=carol, supervisee=alice, data={"held_on": d, "agenda": "x"})
        for d in (datetime.date(2026, 2, 1), datetime.date(2026, 3, 1), datetime.date(2026, 6, 1))
    ]
    rows, standing = queries.history(alice.pk, TODAY)
    assert [r.pk for r in rows] == [made[2].pk, made[1].pk, made[0].pk]
    assert rows[0].supervisor_name == "Carol Test" and rows[0].held_on == datetime.date(2026, 6, 1)
    assert standing.last_held_on == datetime.date(2026, 3, 1) and standing.every_weeks == 4
