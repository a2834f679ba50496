"""Property tests are reproducible in CI and can explore widely on a developer's machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from property_examples import examples

TESTS = Path(__file__).resolve().parent


def _profile_chosen(environ: dict[str, str]) -> str:
    script = (
        "import django; django.setup(); import conftest; from hypothesis import settings; "
        "print(settings.get_current_profile_name())"
    )
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env.update(environ, DJANGO_SETTINGS_MODULE="remit.settings")
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(TESTS.parent / "src")])
    found = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def test_the_ci_profile_is_chosen_when_ci_is_set_and_dev_otherwise() -> None:
    assert _profile_chosen({"CI": "true"}) == "ci"
    assert _profile_chosen({}) == "dev"


def _drawn_under(profile: str) -> list[int]:
    drawn: list[int] = []

    @settings(settings.get_profile(profile), max_examples=30)
    @given(st.integers())
    def record(number: int) -> None:
        drawn.append(number)

    record()
    return drawn


def test_under_the_ci_profile_a_property_draws_the_same_examples_on_every_run() -> None:
    assert _drawn_under("ci") == _drawn_under("ci")


def test_the_ci_profile_keeps_no_examples_and_never_times_out() -> None:
    ci = settings.get_profile("ci")
    assert ci.database is None
    assert ci.deadline is None


def test_the_explore_profile_widens_every_tests_count() -> None:
    explore = settings.get_profile("explore").max_examples
    dev = settings.get_profile("dev").max_examples
    assert explore >= 10 * dev
    assert examples(60).max_examples == 60 * settings.default.max_examples // 100
