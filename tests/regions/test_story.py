"""Demo stories are read and checked as packs are: every problem at once, at its path and line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from region_names import matcher
from region_names import region_terms
from remit.regions.pack import load_pack_file
from remit.regions.pack import shipped_packs
from remit.regions.story import STORY_DIR
from remit.regions.story import StoryError
from remit.regions.story import check_story_file
from remit.regions.story import read_story
from remit.regions.story import story_parts
from remit.regions.story import story_path

SHIPPED = sorted(path for path in STORY_DIR.glob("*/*.yaml") if path.stem in story_parts())

SMALL = """\
requires:
  boards: [police-board]
series:
  - board: police-board
    location: Town Hall
    meetings:
      - date: 2020-01-14
        minutes: The meeting took the business on the agenda.
        items:
          - kind: decision
            paper:
              title: Budget
              purpose: To set the budget.
              recommendations: [Agree the budget., Note the risks.]
              financial: The budget is set out in the paper.
              legal: None.
              equality: None.
              author: jo-bloggs
            outcomes: [agreed, {agreed_as_amended: Note the risks and the reserves.}]
            resolution: The budget was agreed.
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "meetings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(StoryError) as caught:
        check_story_file(_write(tmp_path, text), "meetings")
    return str(caught.value).splitlines()


def test_stories_sit_in_a_folder_named_after_the_region_and_the_part() -> None:
    path = story_path("west-midlands", "meetings")
    assert path == STORY_DIR / "west-midlands" / "meetings.yaml"
    assert path.is_file()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_every_shipped_story_is_sound_and_belongs_to_a_shipped_pack(path: Path) -> None:
    assert path.parent.name in shipped_packs()
    story = read_story(path.parent.name, path.stem)
    assert story is not None


def test_the_meetings_story_names_only_boards_and_people_of_its_region() -> None:
    for path in STORY_DIR.glob("*/meetings.yaml"):
        pack = load_pack_file(shipped_packs()[path.parent.name])
        boards = {board.slug for board in pack.boards}
        people = {person.slug for person in pack.people}
        story = read_story(path.parent.name, "meetings")
        assert story is not None
        assert {s["board"] for s in story["series"]} <= boards
        assert set(story["requires"]["people"]) <= people
        meetings = [m for s in story["series"] for m in s["meetings"]]
        named = {slug for m in meetings for slug in m.get("absent", [])}
        named |= {
            slug for m in meetings for pair in m.get("substitutes", {}).items() for slug in pair
        }
        items = [item for m in meetings for item in m["items"]]
        named |= {slug for item in items for slug in item.get("votes", {})}
        named |= {d["person"] for item in items for d in item.get("declarations", [])}
        named |= {item["paper"]["author"] for item in items if "paper" in item}
        assert named <= people, named - people


def test_a_pack_file_brings_its_stories_in_a_demo_folder_beside_it(tmp_path: Path) -> None:
    pack = tmp_path / "my-region.yaml"
    beside = tmp_path / "demo" / "northshire" / "meetings.yaml"
    beside.parent.mkdir(parents=True)
    beside.write_text(SMALL, encoding="utf-8")

    assert story_path("northshire", "meetings", pack) == beside
    story = read_story("northshire", "meetings", pack)
    assert story is not None
    assert story["series"][0]["board"] == "police-board"
    assert read_story("northshire", "proposals", pack) is None
    assert read_story("northshire", "meetings") is None


def test_a_pack_file_with_no_story_beside_it_gets_the_shipped_one(tmp_path: Path) -> None:
    pack = tmp_path / "west-midlands.yaml"

    assert story_path("west-midlands", "meetings", pack) == STORY_DIR / "west-midlands" / (
        "meetings.yaml"
    )
    assert story_path("west-midlands", "meetings", shipped_packs()["west-midlands"]) == (
        STORY_DIR / "west-midlands" / "meetings.yaml"
    )


def test_a_region_without_a_story_has_none() -> None:
    for part in story_parts():
        assert read_story("northshire", part) is None
    assert read_story("nowhere", "meetings") is None


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_every_shipped_pack_has_a_story_for_every_part(slug: str) -> None:
    for part in story_parts():
        assert story_path(slug, part).is_file(), f"{slug} has no {part} story"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_shipped_story_names_no_other_shipped_region(path: Path) -> None:
    """Its own region's names are taken out first, so a longer name of its own (the West
    Midlands Combined Authority Board) is not read as another region's shorter one."""
    own = f"{path.parent.name}.yaml"
    ours = matcher(tuple(term for term in region_terms() if term.pack == own))
    others = matcher(tuple(term for term in region_terms() if term.pack != own))
    named = [
        f"line {number}: {found.group(0)}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for found in others.finditer(ours.sub(" ", line))
    ]
    assert named == []


def test_the_adopted_scenario_sits_beside_its_story_and_shares_the_funds_areas() -> None:
    for path in STORY_DIR.glob("*/funding.yaml"):
        pack = load_pack_file(shipped_packs()[path.parent.name])
        story = read_story(path.parent.name, "funding")
        assert story is not None
        [fund] = [f for f in pack.funds if f.slug == story["fund"]["slug"]]
        scenario_file = path.parent / story["scenarios"]["adopted"]["file"]
        scenario = yaml.safe_load(scenario_file.read_text(encoding="utf-8"))
        assert Decimal(str(scenario["budget"])) == fund.budget, scenario_file
        fundable = set(fund.areas) or {area.code for area in pack.areas}
        assert {area["code"] for area in scenario["areas"]} <= fundable, scenario_file


def test_a_sound_story_reads_as_written(tmp_path: Path) -> None:
    story = check_story_file(_write(tmp_path, SMALL), "meetings")

    [item] = story["series"][0]["meetings"][0]["items"]
    assert item["outcomes"] == ["agreed", {"agreed_as_amended": "Note the risks and the reserves."}]
    assert story["series"][0]["meetings"][0]["date"] == "2020-01-14"


def test_every_problem_is_reported_with_its_file_path_and_line(tmp_path: Path) -> None:
    text = (
        SMALL.replace("date: 2020-01-14", "date: 2020-13-14")
        .replace("kind: decision", "kind: decison")
        .replace("outcomes: [agreed,", "outcomes: [agred,")
        .replace("    location: Town Hall\n", "    location: Town Hall\n    locaton: Hall\n")
    )

    found = _problems(tmp_path, text)

    file = tmp_path / "meetings.yaml"
    assert found == [
        f"{file}: series[0].locaton: is not a field of the meetings story (did you mean "
        "'location'?) (line 6)",
        f"{file}: series[0].meetings[0].date: '2020-13-14' is not valid; expected a date "
        "written YYYY-MM-DD (line 8)",
        f"{file}: series[0].meetings[0].items[0].kind: 'decison' is not one of: report, "
        "decision, information (did you mean 'decision'?) (line 11)",
        f"{file}: series[0].meetings[0].items[0].outcomes[0]: 'agred' is not one of: agreed, "
        "not_agreed, deferred, noted (did you mean 'agreed'?) (line 20)",
    ]


def test_how_the_story_hangs_together_is_checked(tmp_path: Path) -> None:
    text = SMALL.replace(
        "outcomes: [agreed, {agreed_as_amended: Note the risks and the reserves.}]",
        "outcomes: [agreed]",
    ) + (
        "      - date: 2020-01-01\n"
        "        minutes: Held.\n"
        "        items:\n"
        "          - kind: information\n"
        "            late_reason: It came late.\n"
        "            outcomes: [noted, noted]\n"
        "            resolution: Noted.\n"
    )

    found = _problems(tmp_path, text)

    file = tmp_path / "meetings.yaml"
    assert found == [
        f"{file}: series[0].meetings[0].items[0].outcomes: gives 1 outcome for 2 "
        "recommendations; give one for each recommendation, in order (line 19)",
        f"{file}: series[0].meetings[1].date: is not after the meeting before it "
        "(2020-01-14) (line 21)",
        f"{file}: series[0].meetings[1].items[0].title: is required when the item has no paper "
        "(line 24)",
        f"{file}: series[0].meetings[1].items[0].late_reason: only a paper can be published "
        "late (line 25)",
        f"{file}: series[0].meetings[1].items[0].outcomes: gives 2 outcomes; an item without "
        "a paper has one (line 26)",
    ]


def test_a_story_that_is_not_yaml_is_reported_not_a_crash(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path, "series: [\n")
    assert problem.startswith(f"{tmp_path / 'meetings.yaml'}: (document): invalid YAML")
    assert _problems(tmp_path, "# nothing\n") == [
        f"{tmp_path / 'meetings.yaml'}: (document): the meetings story is empty"
    ]


PROPOSALS = """\
deals:
  - slug: asks
    name: Asks of government
    description: The region's asks.
    route:
      slug: police-route
      forums: [police-board, leaders]
      final_decision_maker: commissioner
    sessions:
      - kind: idea_generation
        title: Ideas
        held_on: 2020-01-02
        stage: discover
        ideas:
          - {title: One budget, description: Stop bidding.}
    proposals:
      - title: Violence reduction
        workstream: community-safety
        summary: One budget for violence reduction.
        ask_type: funding
        form: single
        stage: develop
        amount: 1000000
        from_idea: One budget
        governance:
          forums:
            - {board: police-board, outcome: endorsed, date: 2020-02-01}
            - {board: leaders, outcome: endorsed_with_changes, date: 2020-03-01, changes: Say how.}
          decided_alone:
            person: commissioner
            outcome: endorsed
            date: 2020-04-01
            reasons: It fits the plan.
          published: true
"""


def _proposal_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "proposals.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        check_story_file(path, "proposals")
    return [line.removeprefix(f"{path}: ") for line in str(caught.value).splitlines()]


def test_a_sound_proposals_story_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "proposals.yaml"
    path.write_text(PROPOSALS, encoding="utf-8")

    story = check_story_file(path, "proposals")

    [proposal] = story["deals"][0]["proposals"]
    assert proposal["governance"]["decided_alone"]["date"] == "2020-04-01"


def test_every_problem_in_a_proposals_story_is_reported_at_its_path_and_line(
    tmp_path: Path,
) -> None:
    text = (
        PROPOSALS.replace("ask_type: funding", "ask_type: money")
        .replace("amount: 1000000", "amont: 1000000")
        .replace("held_on: 2020-01-02", "held_on: 2 January 2020")
    )

    assert _proposal_problems(tmp_path, text) == [
        "deals[0].sessions[0].held_on: '2 January 2020' is not valid; expected a date written "
        "YYYY-MM-DD (line 12)",
        "deals[0].proposals[0].ask_type: 'money' is not one of: powers, funding, both (line 20)",
        "deals[0].proposals[0].amont: is not a field of the proposals story (did you mean "
        "'amount'?) (line 23)",
    ]


def test_how_a_proposals_story_hangs_together_is_checked(tmp_path: Path) -> None:
    text = (
        PROPOSALS.replace("{board: leaders,", "{board: cabinet,")
        .replace("from_idea: One budget", "from_idea: Two budgets")
        .replace("person: commissioner", "person: deputy")
        .replace("date: 2020-04-01", "date: 2020-01-01")
        .replace("outcome: endorsed, date: 2020-02-01", "outcome: referred_back, date: 2020-02-01")
    )

    assert _proposal_problems(tmp_path, text) == [
        "deals[0].proposals[0].from_idea: names no idea from the deal's sessions (line 24)",
        "deals[0].proposals[0].governance.forums[0].reasons: is required when the outcome is "
        "referred_back (line 27)",
        "deals[0].proposals[0].governance.forums[1]: comes after police-board referred it back "
        "(2020-02-01); a story cannot send it again, so end its journey there (line 28)",
        "deals[0].proposals[0].governance.forums[1].board: is not the route's forum at this "
        "step (leaders) (line 28)",
        "deals[0].proposals[0].governance.decided_alone.person: is not the final decision maker "
        "of the deal's route (line 30)",
        "deals[0].proposals[0].governance.decided_alone.date: is before the last forum's "
        "decision (2020-03-01) (line 32)",
    ]


def test_the_proposals_story_names_only_routes_and_people_of_its_region() -> None:
    for path in STORY_DIR.glob("*/proposals.yaml"):
        pack = load_pack_file(shipped_packs()[path.parent.name])
        routes = {route.slug: route for route in pack.governance_routes}
        people = {person.slug for person in pack.people}
        story = read_story(path.parent.name, "proposals")
        assert story is not None
        organisations = {organisation.slug for organisation in pack.organisations}
        workstreams = {w.slug for theme in pack.themes for w in theme.workstreams}
        missions = {mission.short_title for mission in pack.missions}
        for deal in story["deals"]:
            route = routes[deal["route"]["slug"]]
            assert list(route.steps) == deal["route"]["forums"]
            proposals = deal["proposals"]
            named = {p[key] for p in proposals for key in ("lead", "sponsor") if key in p}
            assert named <= people, named - people
            sessions = deal.get("sessions", [])
            orgs = {
                slug
                for p in proposals
                for key in ("partners", "departments")
                for slug in p.get(key, [])
            }
            orgs |= {slug for s in sessions for slug in s.get("organisations", [])}
            orgs |= {s["department"] for s in sessions if "department" in s}
            assert orgs <= organisations, orgs - organisations
            streams = {p["workstream"] for p in proposals}
            streams |= {s["workstream"] for s in sessions if "workstream" in s}
            assert streams <= workstreams, streams - workstreams
            aims = {a["mission"] for p in proposals for a in p.get("missions", [])}
            assert aims <= missions, aims - missions


def test_a_deal_names_one_end_to_its_route_and_papers_name_its_proposals(tmp_path: Path) -> None:
    text = PROPOSALS.replace(
        "      final_decision_maker: commissioner\n",
        "      final_decision_maker: commissioner\n      final_board: cabinet\n",
    ) + (
        "    papers:\n"
        "      - title: Position paper\n"
        "        summary: The asks together.\n"
        "        proposals: [Violence reduction, Victims]\n"
    )

    assert _proposal_problems(tmp_path, text) == [
        "deals[0].route: gives both final_board and final_decision_maker; give one (line 5)",
        "deals[0].papers[0].proposals[1]: names no proposal of the deal (line 39)",
    ]


def test_nothing_follows_a_referral_or_a_rejection_on_the_route(tmp_path: Path) -> None:
    referred = PROPOSALS.replace(
        "{board: police-board, outcome: endorsed, date: 2020-02-01}",
        "{board: police-board, outcome: referred_back, date: 2020-02-01, reasons: Cost it.}",
    )
    rejected = PROPOSALS.replace(
        "{board: leaders, outcome: endorsed_with_changes, date: 2020-03-01, changes: Say how.}",
        "{board: leaders, outcome: rejected, date: 2020-03-01, reasons: It is not costed.}",
    )
    alone = rejected.replace(
        "{board: police-board, outcome: endorsed, date: 2020-02-01}\n"
        "            - {board: leaders, outcome: rejected, date: 2020-03-01, reasons: "
        "It is not costed.}\n",
        "{board: police-board, outcome: referred_back, date: 2020-02-01, reasons: Cost it.}\n",
    ).replace("forums: [police-board, leaders]", "forums: [police-board]")

    assert _proposal_problems(tmp_path, referred) == [
        "deals[0].proposals[0].governance.forums[1]: comes after police-board referred it back "
        "(2020-02-01); a story cannot send it again, so end its journey there (line 28)",
    ]
    assert _proposal_problems(tmp_path, rejected) == [
        "deals[0].proposals[0].governance.decided_alone: comes after leaders rejected it "
        "(2020-03-01), which ends the route (line 29)",
    ]
    assert _proposal_problems(tmp_path, alone) == [
        "deals[0].proposals[0].governance.decided_alone: comes after police-board referred it "
        "back (2020-02-01); a story cannot send it again, so end its journey there (line 28)",
    ]
    unsent = alone.replace(
        "          decided_alone:\n"
        "            person: commissioner\n"
        "            outcome: endorsed\n"
        "            date: 2020-04-01\n"
        "            reasons: It fits the plan.\n",
        "",
    )
    assert _proposal_problems(tmp_path, unsent) == [
        "deals[0].proposals[0].governance.published: a proposal referred back is drafting again, "
        "so it cannot be published (line 28)",
    ]
    path = tmp_path / "proposals.yaml"
    path.write_text(unsent.replace("published: true", "published: false"), encoding="utf-8")
    [proposal] = check_story_file(path, "proposals")["deals"][0]["proposals"]
    assert proposal["governance"]["forums"][-1]["outcome"] == "referred_back"


def test_a_paper_referred_back_goes_no_further(tmp_path: Path) -> None:
    text = PROPOSALS + (
        "    papers:\n"
        "      - title: Position paper\n"
        "        summary: The asks together.\n"
        "        proposals: [Violence reduction]\n"
        "        forums:\n"
        "          - {board: police-board, outcome: referred_back, date: 2020-02-01, reasons: No.}\n"
        "          - {board: leaders, outcome: endorsed, date: 2020-03-01}\n"
    )

    assert _proposal_problems(tmp_path, text) == [
        "deals[0].papers[0].forums[1]: comes after police-board referred it back (2020-02-01); "
        "a story cannot send it again, so end its journey there (line 41)",
    ]


def test_the_final_board_may_decide_before_the_proposal_is_submitted(tmp_path: Path) -> None:
    text = PROPOSALS.replace(
        "      final_decision_maker: commissioner\n", "      final_board: cabinet\n"
    ).replace(
        "          decided_alone:\n"
        "            person: commissioner\n"
        "            outcome: endorsed\n"
        "            date: 2020-04-01\n"
        "            reasons: It fits the plan.\n",
        "          final_board: {board: cabinet, outcome: endorsed, date: 2020-04-01}\n",
    )
    path = tmp_path / "proposals.yaml"
    path.write_text(text, encoding="utf-8")

    [proposal] = check_story_file(path, "proposals")["deals"][0]["proposals"]

    assert proposal["governance"]["final_board"]["board"] == "cabinet"
    assert "submitted_on" not in proposal["governance"]
    assert _proposal_problems(tmp_path, text.replace("date: 2020-04-01", "date: 2020-02-15")) == [
        "deals[0].proposals[0].governance.final_board.date: is before the last forum's decision "
        "(2020-03-01) (line 29)",
    ]


FUNDING = """\
fund:
  slug: safety-fund
  description: Grants for safer streets.
  priorities: [Safer streets, Support for victims]
scenarios:
  by_population: Population only
round:
  slug: main-round
  title: Main round
  description: The year's round.
  opens_at: 2020-01-06T09:00
  closes_at: 2020-02-28T12:00
  max_years: 2
  budget: 100000
  criteria:
    - {title: Fit, weight: 60}
    - {title: Value, weight: 40}
  bids_started_at: 2020-01-20T12:00
  bids_submitted_at: 2020-02-20T15:00
  recommended_on: 2020-03-09
  decided_on: 2020-03-20
  reference_prefix: SF 2020/
grants:
  agreement_start: 2020-04-01
  agreement_end: 2021-03-31
  signed_on: 2020-03-27
  conditions: Quarterly returns.
  return_frequency: quarterly
  instalments: [2020-04-30, 2020-10-31]
  paid: 1
bids:
  - organisation: town-csp
    title: Street lights
    summary: Better lighting on the high street.
    lead_area: E06099901
    areas: [E06099901, E06099902]
    priorities: [Safer streets]
    amounts: [60000, 20000]
    outcomes:
      - {outcome: Fewer robberies, measure: Recorded robbery, target: A fall of 10%}
    scores: [[4, 3], [5, 4]]
    recommendation:
      outcome: fund_in_part
      amounts: [50000, 10000]
      reasons: Good, but the second year is high.
    first_return:
      submitted_at: 2020-07-20T12:00
      spend_to_date: 10000
      report: Lights going up.
      rag: green
      figures: [3]
  - organisation: victims-trust
    title: Victim helpline
    summary: An evening helpline.
    lead_area: E06099902
    areas: [E06099902]
    priorities: [Support for victims]
    amounts: [30000]
    recommendation: {outcome: do_not_fund, reasons: Overlaps the national line.}
    determination: {outcome: fund_in_part, amount: 15000, reasons: A pilot for a year.}
"""


def _funding_problems(tmp_path: Path, text: str, folder: str = "story") -> list[str]:
    path = tmp_path / folder / "funding.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        check_story_file(path, "funding")
    return [line.removeprefix(f"{path}: ") for line in str(caught.value).splitlines()]


def test_a_sound_funding_story_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "funding.yaml"
    path.write_text(FUNDING, encoding="utf-8")

    story = check_story_file(path, "funding")

    assert story["round"]["opens_at"] == "2020-01-06T09:00"
    assert story["bids"][0]["recommendation"]["amounts"] == [50000, 10000]
    assert story["bids"][1]["determination"]["amount"] == 15000


def test_every_problem_in_a_funding_story_is_reported_at_its_path_and_line(
    tmp_path: Path,
) -> None:
    text = (
        FUNDING.replace("opens_at: 2020-01-06T09:00", "opens_at: 2020-01-06 9am")
        .replace("lead_area: E06099902", "lead_area: e06099902")
        .replace("outcome: do_not_fund,", "outcome: refuse,")
        .replace("    amounts: [30000]\n", "    amount: [30000]\n")
    )

    assert _funding_problems(tmp_path, text) == [
        "round.opens_at: '2020-01-06 9am' is not valid; expected a date and time in the UK "
        "written YYYY-MM-DDTHH:MM, e.g. 2018-01-08T09:00 (line 11)",
        "bids[1].amounts: is required (line 52)",
        "bids[1].lead_area: 'e06099902' is not valid; expected an ONS area code: a capital "
        "letter and eight digits, e.g. E06099901 (line 55)",
        "bids[1].amount: is not a field of the funding story (did you mean 'amounts'?) (line 58)",
        "bids[1].recommendation.outcome: 'refuse' is not one of: fund_in_full, fund_in_part, "
        "do_not_fund (line 59)",
    ]


def test_how_a_funding_story_hangs_together_is_checked(tmp_path: Path) -> None:
    text = (
        FUNDING.replace(
            "bids_submitted_at: 2020-02-20T15:00", "bids_submitted_at: 2020-03-01T15:00"
        )
        .replace("signed_on: 2020-03-27", "signed_on: 2020-03-19")
        .replace("lead_area: E06099901", "lead_area: E06099903")
        .replace("priorities: [Support for victims]", "priorities: [Support for victim]")
        .replace("amounts: [60000, 20000]", "amounts: [60000, 20000, 5000]")
        .replace("scores: [[4, 3], [5, 4]]", "scores: [[4, 3], [6]]")
        .replace("amounts: [50000, 10000]", "amounts: [70000, 10000]")
        .replace("figures: [3]", "figures: [3, 4]")
        .replace("    title: Victim helpline", "    title: Street lights")
        .replace("amount: 15000, reasons", "amounts: [15000], amount: 15000, reasons")
    )

    assert _funding_problems(tmp_path, text) == [
        "round.closes_at: is before round.bids_submitted_at (2020-03-01T15:00) (line 12)",
        "grants.signed_on: is before round.decided_on (2020-03-20) (line 26)",
        "bids[0].lead_area: is not one of the bid's areas (line 35)",
        "bids[0].amounts: asks for 3 years; the round's grants last at most 2 (line 38)",
        "bids[0].scores[1]: gives 1 score for 2 criteria; give one for each criterion, in "
        "order (line 41)",
        "bids[0].scores[1][0]: is above the criterion's highest score (line 41)",
        "bids[0].recommendation.amounts: gives 2 amounts for 3 years; give one for each year "
        "the bid asks for (line 44)",
        "bids[0].recommendation.amounts[0]: is more than the bid asks for that year (60000) "
        "(line 44)",
        "bids[0].first_return.figures: gives 2 figures for 1 outcome; give one for each of "
        "the bid's outcomes, in order (line 51)",
        "bids[1].title: names another bid too (line 53)",
        "bids[1].priorities[0]: is not one of the fund's priorities (line 57)",
        "bids[1].determination: gives both amount and amounts; give one (line 60)",
    ]


def test_a_funding_story_gives_no_more_than_the_round_has_and_decides_only_submitted_bids(
    tmp_path: Path,
) -> None:
    text = (
        FUNDING.replace("budget: 100000", "budget: 40000")
        .replace(
            "reasons: Overlaps the national line.}", "reasons: Overlaps.}\n    submitted: false"
        )
        .replace("determination: {outcome: fund_in_part,", "determination: {outcome: do_not_fund,")
        .replace("spend_to_date: 10000", "spend_to_date: 70000")
        .replace("instalments: [2020-04-30, 2020-10-31]", "instalments: [2020-10-31, 2020-04-30]")
    )

    assert _funding_problems(tmp_path, text) == [
        "round.budget: is less than the first year's awards, which add up to 50000 (line 14)",
        "grants.instalments[1]: is before grants.instalments[0] (2020-10-31) (line 29)",
        "bids[0].first_return.spend_to_date: is more than the grant (60000) (line 48)",
        "bids[1].recommendation: a bid that is not submitted is not assessed or decided (line 59)",
        "bids[1].determination: a bid that is not submitted is not assessed or decided (line 61)",
    ]


def test_a_funding_story_names_its_regions_fund_organisations_and_areas(tmp_path: Path) -> None:
    shipped = (STORY_DIR / "west-midlands" / "funding.yaml").read_text(encoding="utf-8")
    text = (
        shipped.replace("slug: community-safety-fund-2018-19", "slug: community-safety-fund")
        .replace("organisation: coventry-csp", "organisation: coventry-bids")
        .replace("areas: [E08000031]", "areas: [E08000031, E08000099]")
    )

    assert _funding_problems(tmp_path, text, folder="west-midlands") == [
        "fund.slug: names no fund of the west-midlands pack (line 15)",
        "bids[1].organisation: names no organisation of the west-midlands pack (line 108)",
        "bids[5].areas[1]: names no area of the west-midlands pack (line 166)",
    ]
    too_much = shipped.replace("budget: 560000", "budget: 5600000")
    assert _funding_problems(tmp_path, too_much, folder="west-midlands") == [
        "round.budget: is more than the fund's budget (3863308.00) (line 50)",
    ]
    elsewhere = tmp_path / "elsewhere" / "funding.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(too_much, encoding="utf-8")
    assert check_story_file(elsewhere, "funding")["round"]["budget"] == 5_600_000
