"""Two web processes and two background workers, each with its own empty local folder, against
one PostgreSQL database and one S3-compatible bucket: whichever process answers, a person stays
signed in, sees the same files, and the meeting pack one asks for is built by a worker and can
be downloaded from the other. Nothing any process needs is kept on another's disk."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests
from django.conf import global_settings
from django.db import connection
from django.urls import reverse
from meetings_support import pdf_bytes
from meetings_support import upload

from remit.core.models import User
from remit.core.storage import default_storage_setting
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild

BUCKET = "remit-web-tier"
REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery-staple-42"
STARTUP_SECONDS = 180
PACK_SECONDS = 300

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="several processes share one database only on PostgreSQL",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


@pytest.fixture
def object_store(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[dict[str, str]]:
    """A real S3 endpoint on loopback (moto's server), shared by every process."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    environ = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
        "REMIT_S3_BUCKET": BUCKET,
        "REMIT_S3_REGION": "eu-west-2",
        "REMIT_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
    }
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    boto3.client(
        "s3", region_name="eu-west-2", endpoint_url=environ["REMIT_S3_ENDPOINT_URL"]
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_setting(environ)}
    try:
        yield environ
    finally:
        server.stop()


@pytest.fixture
def web_tier(
    object_store: dict[str, str], region: Any, tmp_path: Path
) -> Iterator[Callable[[], tuple[str, str]]]:
    """Start two gunicorn processes and two task workers; returns their two addresses."""
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []

    def start() -> tuple[str, str]:
        base = {
            **os.environ,
            **object_store,
            "DATABASE_URL": _database_url(),
            "REMIT_DEBUG": "0",
            "REMIT_REGION": region.slug,
            "REMIT_SECRET_KEY": "web-tier-test-key-shared-by-every-process-0123456789",
            "REMIT_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONPATH": os.pathsep.join([str(REPO / "src"), *sys.path]),
        }
        ports = [_free_port(), _free_port()]
        commands = [
            [sys.executable, "-m", "gunicorn", "remit.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
            for port in ports
        ] + [
            [sys.executable, "-m", "remit.cli", "manage", "db_worker", "--interval", "0.2"]
            for _ in range(2)
        ]
        for number, command in enumerate(commands):
            own = tmp_path / f"process-{number}"
            own.mkdir()
            log = own / "output.log"
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    command,
                    cwd=own,
                    env={**base, "REMIT_VAR": str(own / "var")},
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        addresses = tuple(f"http://127.0.0.1:{port}" for port in ports)
        for address in addresses:
            _wait_until(lambda a=address: _answers(a), STARTUP_SECONDS, "a web process to start")
        return addresses[0], addresses[1]

    try:
        yield start
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for log in logs:
            sys.stdout.write(f"--- {log.parent.name}\n{log.read_text(errors='replace')[-3000:]}\n")


def _answers(address: str) -> bool:
    try:
        return requests.get(f"{address}/accounts/login/", timeout=30).status_code == 200
    except requests.RequestException:
        return False


def _wait_until(ready: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.5)
    raise AssertionError(f"Waited {seconds} s for {what}")


class Browser:
    """Carries cookies between addresses, as one browser behind a load balancer would."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        response = requests.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=60, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, url: str) -> requests.Response:
        return self._send("GET", url)

    def post_form(self, page_url: str, action_url: str, data: dict[str, str]) -> requests.Response:
        page = self.get(page_url)
        assert page.status_code == 200, page.status_code
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, "the page has no form token"
        return self._send(
            "POST",
            action_url,
            data={**data, "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": page_url},
        )


def test_any_web_process_serves_a_signed_in_person_and_any_worker_builds_the_pack(
    web_tier: Callable[[], tuple[str, str]],
    meeting: Meeting,
    write_paper: Any,
    officer: User,
    settings: Any,
) -> None:
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    officer.set_password(PASSWORD)
    officer.save()
    paper = write_paper(meeting, title="Progress update")
    appendix = services.appendix_add(
        by=officer, paper=paper, upload=upload("plan.pdf", pdf_bytes(3)), title="Funding plan"
    )
    services.agenda_publish(by=officer, meeting=meeting)
    first, second = web_tier()
    browser = Browser()

    signed_in = browser.post_form(
        f"{first}/accounts/login/",
        f"{first}/accounts/login/",
        {"username": officer.username, "password": PASSWORD},
    )
    assert signed_in.status_code == 302, signed_in.text[:500]

    meeting_path = reverse("meetings:meeting", args=[meeting.pk])
    on_second = browser.get(f"{second}{meeting_path}")
    assert on_second.status_code == 200
    assert "Progress update" in on_second.text

    stored = browser.get(f"{second}{reverse('meetings:appendix', args=[appendix.pk])}")
    assert stored.status_code == 200
    assert stored.content.startswith(b"%PDF")

    asked = browser.post_form(
        f"{second}{meeting_path}",
        f"{second}{reverse('meetings:pack_build', args=[meeting.pk])}",
        {},
    )
    assert asked.status_code == 302
    pack = PackBuild.objects.filter(meeting=meeting).latest("pk")
    status_url = f"{first}{reverse('meetings:pack_status', args=[pack.pk])}"
    _wait_until(
        lambda: browser.get(status_url).json()["status"] in {"done", "failed"},
        PACK_SECONDS,
        "a worker to build the pack",
    )
    pack.refresh_from_db()
    assert pack.status == PackBuild.Status.DONE, pack.step

    for address in (first, second):
        download = browser.get(f"{address}{reverse('meetings:pack_download', args=[pack.pk])}")
        assert download.status_code == 200
        assert download.content.startswith(b"%PDF")
    keys = [
        item["Key"]
        for item in boto3.client(
            "s3", region_name="eu-west-2", endpoint_url=os.environ["REMIT_S3_ENDPOINT_URL"]
        )
        .list_objects_v2(Bucket=BUCKET)
        .get("Contents", [])
    ]
    assert pack.file.name in keys
    assert appendix.file.name in keys
