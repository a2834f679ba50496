"""The e-mails: a plain-text part and an HTML part, each with the link to the thing; and the
daily summary, one e-mail per person, sent once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer.testing import CliRunner

from remit.core.models import User
from remit.notifications import services
from remit.notifications.cli import notify_app
from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.notifications.models import Notification

LINK = "/funds/bids/42/"
URL = "https://remit.example.org/funds/bids/42/"


def _announce(kind: str, key: str, people: list[User], title: str, committed: Any) -> None:
    with committed():
        services.announce(kind, key, people, title, LINK)


def _html(message: Any) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return str(content)


def test_an_e_mail_has_a_text_part_and_an_html_part_each_with_the_link(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    _announce(
        Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid to assess: Safer routes", committed
    )
    [message] = mailoutbox
    assert message.to == ["fo@example.org"]
    assert message.subject == "Bid to assess: Safer routes"
    assert "Bid to assess: Safer routes" in message.body
    assert URL in message.body
    assert "https://remit.example.org/notifications/preferences/" in message.body
    html = _html(message)
    assert f'<a href="{URL}">' in html
    assert "Bid to assess: Safer routes" in html


def test_titles_are_escaped_in_the_html_part(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    _announce(Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid <b>bold</b>", committed)
    [message] = mailoutbox
    assert "Bid <b>bold</b>" in message.body
    assert "Bid &lt;b&gt;bold&lt;/b&gt;" in _html(message)


def test_the_registry_address_is_used_when_the_account_has_none(
    make_user: Callable[..., User], region: Any, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    person = region.people.get(slug="northton-rep")
    person.email = "nia@northton.example.org"
    person.save()
    member = make_user("board_member", person=person)
    _announce(Kind.PAPER_PUBLISHED, "paper:1", [member], "Paper published", committed)
    assert [m.to for m in mailoutbox] == [["nia@northton.example.org"]]


def test_the_daily_summary_sends_one_e_mail_per_person_of_what_waits_then_nothing_more(
    officer: User, partner: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    for person in (officer, partner):
        services.preferences_save(by=person, choices=dict.fromkeys(Kind.values, Delivery.DIGEST))
    _announce(Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid to assess: A", committed)
    _announce(Kind.MODERATION_OPENED, "moderation:1", [officer], "Moderation is open", committed)
    _announce(Kind.DETERMINATION_MADE, "determination:1", [partner], "Decision on A", committed)
    assert mailoutbox == []
    assert services.digest_send() == 2
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"fo@example.org", "bids@safe-streets.example.org"}
    mine = by_address["fo@example.org"]
    assert mine.subject == "Your daily summary from Remit: 2 notifications"
    assert "Bid to assess: A" in mine.body
    assert "Moderation is open" in mine.body
    assert URL in mine.body
    assert f'<a href="{URL}">Moderation is open</a>' in _html(mine)
    assert "Decision on A" not in mine.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert services.digest_send() == 0
    assert len(mailoutbox) == 2


def test_what_was_sent_straight_away_is_not_in_the_summary(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    services.preferences_save(by=officer, choices={Kind.MODERATION_OPENED: Delivery.DIGEST})
    _announce(Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid to assess: A", committed)
    _announce(Kind.MODERATION_OPENED, "moderation:1", [officer], "Moderation is open", committed)
    assert services.digest_send() == 1
    assert len(mailoutbox) == 2
    summary = mailoutbox[-1]
    assert "Moderation is open" in summary.body
    assert "Bid to assess" not in summary.body


def test_the_digest_command_sends_the_summaries_once(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    services.preferences_save(by=officer, choices={Kind.BID_SUBMITTED: Delivery.DIGEST})
    _announce(Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid to assess: A", committed)
    first = CliRunner().invoke(notify_app, ["digest"])
    second = CliRunner().invoke(notify_app, ["digest"])
    assert first.exit_code == second.exit_code == 0
    assert "Daily summaries sent: 1." in first.output
    assert "Daily summaries sent: 0." in second.output
    assert len(mailoutbox) == 1


def test_a_title_over_several_lines_makes_a_one_line_subject(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    _announce(Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid to assess:\nA", committed)
    assert [m.subject for m in mailoutbox] == ["Bid to assess: A"]


def test_a_summary_leaves_out_what_another_run_already_sent(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    from django.utils import timezone

    services.preferences_save(by=officer, choices=dict.fromkeys(Kind.values, Delivery.DIGEST))
    _announce(Kind.BID_SUBMITTED, "bid-submitted:42", [officer], "Bid to assess: A", committed)
    _announce(Kind.MODERATION_OPENED, "moderation:1", [officer], "Moderation is open", committed)
    Notification.objects.filter(kind=Kind.BID_SUBMITTED).update(emailed_at=timezone.now())
    assert services.digest_send() == 1
    [summary] = mailoutbox
    assert "Moderation is open" in summary.body
    assert "Bid to assess" not in summary.body
