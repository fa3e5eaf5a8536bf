"""Locust's users for bench/load.py: practitioners going about their work at a steady pace.

bench/load.py starts Locust with this file and passes, in the environment, a file of signed-in
users (a session cookie each, spread over several practitioners), a file of what each practitioner
opens (people on their caseload, names they search for, assessments and support plans), and how
many requests a second each user makes.

Each request is one task, chosen by weight: the caseload, a person's page, a name search, an
assessment, a support plan, or a case note saved. A practitioner spends most of their time in people's
records; the weights below say how much. Saving a case note is a real POST through the form, with
a CSRF token as a browser holds one.
"""

import itertools
import json
import os
import random
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, constant_throughput, task

USERS = json.loads(Path(os.environ["LOAD_USERS"]).read_text())
WORK = json.loads(Path(os.environ["LOAD_WORK"]).read_text())
REQUESTS_A_SECOND_EACH = float(os.environ["LOAD_REQUESTS_A_SECOND_EACH"])
user_numbers = itertools.count()


class Practitioner(FastHttpUser):
    wait_time = constant_throughput(REQUESTS_A_SECOND_EACH)

    def on_start(self):
        number = next(user_numbers)
        user = USERS[number % len(USERS)]
        self.work = WORK[user["practitioner"]]
        self.rng = random.Random(number)
        # gunicorn is reached over plain HTTP as if through a TLS proxy, so the HTTPS-only cookies are
        # sent by hand.
        # The CSRF secret bench/load.py made for this user goes in the cookie and, as a browser's form
        # would send it, in the form.
        self.csrf = user["csrf"]
        self.headers = {"X-Forwarded-Proto": "https", "Cookie": f"{user['cookie']}; csrftoken={self.csrf}"}

    def open(self, url, name, must_hold=None):
        with self.client.get(
            url, name=name, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200 or (must_hold and must_hold not in response.content):
                response.failure(f"{url} answered {response.status_code}")
            return response

    @task(20)
    def caseload(self):
        self.open("/", "caseload", b"Your caseload")

    @task(35)
    def person_page(self):
        self.open(f"/people/{self.rng.choice(self.work['people'])}/", "person page")

    @task(20)
    def name_search(self):
        self.open("/people/?" + urlencode({"q": self.rng.choice(self.work["searches"])}), "name search")

    @task(10)
    def assessment(self):
        self.open(self.rng.choice(self.work["assessments"]), "assessment page")

    @task(10)
    def support_plan(self):
        self.open(self.rng.choice(self.work["plans"]), "support plan page")

    @task(5)
    def case_note(self):
        url = f"/people/{self.rng.choice(self.work['people'])}/notes/add/"
        day, month, year = self.work["today"]
        with self.client.post(
            url,
            name="case note saved",
            data={
                "csrfmiddlewaretoken": self.csrf,
                "happened_on_0": day,
                "happened_on_1": month,
                "happened_on_2": year,
                "kind": "phone",
                "present": "the person",
                "text": self.rng.choice(self.work["notes"]),
            },
            headers=self.headers | {"Referer": f"https://{self.host.split('://', 1)[1]}{url}"},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"saving a case note answered {response.status_code}, not a redirect")
