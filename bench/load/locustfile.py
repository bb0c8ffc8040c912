"""Learners reading lessons, marking steps done and taking quizzes (run by `python -m bench.load`).

Every quiz submission the server acknowledges (a redirect to the graded attempt) is recorded, so
the orchestrator can check afterwards that each is in the database exactly once. A signed-in
learner sent to the sign-in page has lost their session; that is counted too.
"""

import json
import os
import random
import re
import time
from collections import Counter

from locust import HttpUser, between, events, task

STATE = json.load(open(os.environ["BENCH_STATE"]))  # noqa: SIM115
OUTCOME_FILE = os.environ["BENCH_OUTCOME"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE = re.compile(r'name="(q-[^"]+)" id="[^"]*" value="([^"]+)"')
ATTEMPT = re.compile(r"/prov/forsok/(\d+)/$")

_free_learners = list(STATE["learners"])
acknowledged: list[dict] = []
session_losses: list[dict] = []
statuses: Counter = Counter()


@events.request.add_listener
def _count_status(name, response, exception, **kwargs):
    status = response.status_code if response is not None and response.status_code else "no response"
    statuses[f"{name} {status}"] += 1


@events.test_stop.add_listener
def _write_outcome(**kwargs):
    with open(OUTCOME_FILE, "w") as handle:
        json.dump({"acknowledged": acknowledged, "session_losses": session_losses, "statuses": dict(statuses)}, handle)


class Learner(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        learner = _free_learners.pop() if _free_learners else random.choice(STATE["learners"])
        self.email = learner["email"]
        # Each learner comes from an address of their own, as behind the TLS proxy in production
        # (the app trusts one proxy here), so allauth's per-address rate limits apply per learner.
        number = STATE["learners"].index(learner)
        self.client.headers["X-Forwarded-For"] = f"10.{number // 250}.{number % 250}.1"
        host = self.host.split("//", 1)[1].split(":")[0]
        self.client.cookies.set("sessionid", learner["session"], domain=host, path="/")
        # Django accepts the unmasked secret as the form token, so the cookie can be set here.
        self.client.cookies.set("csrftoken", f"{random.getrandbits(128):032x}", domain=host, path="/")
        self.signed_in = True
        self.last_sign_in = 0.0
        self._post(f"/kurser/{STATE['course_id']}/anmal/", name="enrol")

    def sign_in(self) -> None:
        """Sign in (again, after a lost session or a failed attempt, at most every 10 seconds)."""
        if time.time() - self.last_sign_in < 10:
            return
        self.last_sign_in = time.time()
        page = self.client.get("/accounts/login/", name="sign-in page")
        match = CSRF_FIELD.search(page.text or "")
        if not match:
            return
        response = self.client.post(
            "/accounts/login/",
            {"login": self.email, "password": STATE["password"], "csrfmiddlewaretoken": match.group(1)},
            name="sign in",
        )
        self.signed_in = response.ok and "/accounts/login/" not in response.url
        if self.signed_in:
            self._post(f"/kurser/{STATE['course_id']}/anmal/", name="enrol")

    def _post(self, path: str, *, name: str, data: dict | None = None, follow: bool = True):
        payload = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **(data or {})}
        response = self.client.post(path, payload, name=name, allow_redirects=follow)
        self._check_session(response)
        return response

    def _get(self, path: str, *, name: str):
        response = self.client.get(path, name=name)
        self._check_session(response)
        return response

    def _check_session(self, response) -> None:
        location = response.headers.get("Location", "") if response.is_redirect else response.url
        if self.signed_in and "/accounts/login/" in (location or ""):
            session_losses.append({"learner": self.email, "at": time.time(), "path": response.request.path_url})
            self.signed_in = False

    @task(6)
    def read_lesson(self):
        if not self.signed_in:
            return self.sign_in()
        self._get(random.choice(STATE["lessons"])["url"], name="lesson page")

    @task(2)
    def mark_step_done(self):
        if not self.signed_in:
            return self.sign_in()
        lesson = random.choice(STATE["lessons"])
        self._post(f"/steg/{lesson['id']}/klar/", name="mark step done", follow=False)

    @task(1)
    def dashboard(self):
        if not self.signed_in:
            return self.sign_in()
        self._get("/mina-kurser/", name="dashboard")

    @task(2)
    def take_quiz(self):
        if not self.signed_in:
            return self.sign_in()
        quiz = random.choice(STATE["quizzes"])
        started = self._post(f"/prov/{quiz['id']}/starta/", name="quiz start", follow=False)
        match = ATTEMPT.search(started.headers.get("Location", ""))
        if started.status_code != 302 or not match:
            return None
        attempt_id = int(match.group(1))
        page = self._get(f"/prov/forsok/{attempt_id}/", name="quiz attempt page")
        answers: dict[str, str] = {}
        for field, value in CHOICE.findall(page.text or ""):
            answers.setdefault(field, value)
        if not answers:
            return None
        submit = f"/prov/forsok/{attempt_id}/lamna-in/"
        response = self._post(submit, name="quiz submit", data=answers, follow=False)
        if response.status_code == 302 and ATTEMPT.search(response.headers.get("Location", "")):
            acknowledged.append({"learner": self.email, "attempt": attempt_id, "at": time.time()})
            if random.random() < 0.1:  # a double click or a replay
                self._post(submit, name="quiz submit (replay)", data=answers, follow=False)
        return None
