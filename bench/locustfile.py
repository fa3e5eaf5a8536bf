"""Locust's users for bench/load.py: practitioners opening their caseload at a steady pace.

bench/load.py starts Locust with this file and passes, in the environment, a file of signed-in
session cookies (one per user, spread over several practitioners) and how many pages a second each
user asks for.
"""

import itertools
import json
import os
from pathlib import Path

from locust import FastHttpUser, constant_throughput, task

SESSION_COOKIES = json.loads(Path(os.environ["LOAD_SESSION_COOKIES"]).read_text())
PAGES_A_SECOND_EACH = float(os.environ["LOAD_PAGES_A_SECOND_EACH"])
user_numbers = itertools.count()


class Practitioner(FastHttpUser):
    wait_time = constant_throughput(PAGES_A_SECOND_EACH)

    def on_start(self):
        # gunicorn is reached over plain HTTP as if through a TLS proxy, so the HTTPS-only session
        # cookie is sent by hand.
        self.headers = {
            "X-Forwarded-Proto": "https",
            "Cookie": SESSION_COOKIES[next(user_numbers) % len(SESSION_COOKIES)],
        }

    @task
    def caseload(self):
        with self.client.get(
            "/", name="caseload", headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200 or b"Your caseload" not in response.content:
                response.failure(f"answered {response.status_code}, not the caseload")
