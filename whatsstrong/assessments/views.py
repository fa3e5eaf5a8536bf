def start(r, pk):
    pass


def contact(r, pk, **k):
    pass


def assessment(r, pk, **k):
    pass


def conversation_add(r, pk, **k):
    pass


def conversation_change(r, pk, **k):
    pass


def section(r, pk, **k):
    pass


def analysis(r, pk, **k):
    pass


def hand_over(r, pk, **k):
    pass


def strengths(r, pk, **k):
    pass


def wellbeing(r, pk, **k):
    pass


def priorities(r, pk, **k):
    pass


def wellbeing_area(r, pk, **k):
    pass


def sign_off(r, pk, **k):
    pass


def decide(r, pk, **k):
    pass


def copy(r, pk, **k):
    pass
