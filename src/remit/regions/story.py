"""Read the demo stories that ship beside the region packs.

A story is the demonstration data `remit demo` loads for one part of Remit (its meetings, its
proposals, its fund) in one region. It is data, not code, so that a region's demo is written the
way its pack is, and it is checked the way a pack is: every problem at once, at its path and
line. Pure on purpose (no Django), like the pack reader it reuses.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any
from typing import cast

from remit.regions.pack import PACK_DIR
from remit.regions.pack import DocumentCheck
from remit.regions.pack import PackError
from remit.regions.pack import PathParts
from remit.regions.pack import RegionPack
from remit.regions.pack import format_path
from remit.regions.pack import load_pack_file
from remit.regions.pack import read_document
from remit.regions.pack import shipped_packs

STORY_DIR = PACK_DIR / "demo"
Report = Callable[[PathParts, str], None]


class StoryError(PackError):
    """A story that cannot be used; each problem is printed after the file it is in."""

    def __str__(self) -> str:
        return "\n".join(f"{self.source}: {issue}" for issue in self.errors)


class NotAStory(ValueError):
    """A file that is named after no part of the demo, so nothing knows how to check it."""


def story_path(region_slug: str, part: str, pack: Path | None = None) -> Path:
    """Where the story for one part of the demo sits: ``demo/<region>/<part>.yaml`` beside the
    region's pack file, so any pack can bring its own; else beside the shipped packs."""
    shipped = STORY_DIR / region_slug / f"{part}.yaml"
    if pack is None:
        return shipped
    beside = pack.parent / "demo" / region_slug / f"{part}.yaml"
    return beside if beside.is_file() else shipped


def schema_path(part: str) -> Path:
    return STORY_DIR / f"{part}.schema.json"


def story_parts() -> list[str]:
    """The parts of the demo that can be told as a story: one schema each."""
    return sorted(
        path.name.removesuffix(".schema.json") for path in STORY_DIR.glob("*.schema.json")
    )


def story_files(path: Path) -> list[tuple[Path, str]]:
    """The story files at a path, each with its part: a file named after its part, or a region's
    folder of them. A file named after no part is ``NotAStory``."""
    parts = story_parts()
    if path.is_dir():
        return [
            (path / f"{part}.yaml", part) for part in parts if (path / f"{part}.yaml").is_file()
        ]
    if path.suffix != ".yaml" or path.stem not in parts:
        raise NotAStory(
            f"{path}: name the file after the part of the demo it tells: {', '.join(parts)} (.yaml)"
        )
    return [(path, path.stem)]


def read_story(region_slug: str, part: str, pack: Path | None = None) -> dict[str, Any] | None:
    """The checked story, or None when the region has none for this part."""
    path = story_path(region_slug, part, pack)
    if not path.is_file():
        return None
    return check_story_file(path, part)


def check_story_file(path: Path, part: str) -> dict[str, Any]:
    """Read and check a story file; a ``StoryError`` lists every problem."""
    try:
        checks = (*_CHECKS.get(part, ()), *pack_checks(path.parent.name, part))
        data = read_document(path, schema_path(part), f"{part} story", checks)
    except PackError as error:
        raise StoryError(error.errors, str(path)) from None
    return cast(dict[str, Any], data)  # the schema insists on a mapping


# --- meetings ---------------------------------------------------------------------------------


def _meeting_items(data: Mapping[str, Any]) -> Iterable[tuple[PathParts, dict[str, Any]]]:
    for s, series in enumerate(data["series"]):
        for m, meeting in enumerate(series["meetings"]):
            for i, item in enumerate(meeting["items"]):
                yield ("series", s, "meetings", m, "items", i), item


def _check_items(data: Mapping[str, Any], report: Report) -> None:
    """Each item can be put on an agenda and decided as written."""
    for parts, item in _meeting_items(data):
        paper = item.get("paper")
        if paper is None and "title" not in item:
            report((*parts, "title"), "is required when the item has no paper")
        if paper is not None and "title" in item and item["title"] != paper["title"]:
            report((*parts, "title"), "differs from the paper's title; give only the paper's")
        if paper is None and "late_reason" in item:
            report((*parts, "late_reason"), "only a paper can be published late")
        if paper is not None and "forward_plan" in item:
            report((*parts, "paper"), "an item placed from the forward plan has no paper here")
        given = len(item["outcomes"])
        if paper is not None and given != len(paper["recommendations"]):
            report(
                (*parts, "outcomes"),
                f"gives {_outcomes(given)} for {len(paper['recommendations'])} "
                "recommendations; give one for each recommendation, in order",
            )
        if paper is None and given != 1:
            report(
                (*parts, "outcomes"), f"gives {_outcomes(given)}; an item without a paper has one"
            )


def _outcomes(count: int) -> str:
    return f"{count} outcome" if count == 1 else f"{count} outcomes"


def _check_series(data: Mapping[str, Any], report: Report) -> None:
    """Meetings in a series come in date order: each approves the minutes of the one before."""
    for s, series in enumerate(data["series"]):
        previous = ""
        for m, meeting in enumerate(series["meetings"]):
            if meeting["date"] <= previous:
                report(
                    ("series", s, "meetings", m, "date"),
                    f"is not after the meeting before it ({previous})",
                )
            previous = meeting["date"]


# --- proposals --------------------------------------------------------------------------------

_CHANGES_OUTCOMES = ("endorsed_with_changes",)
_REASONED_OUTCOMES = ("referred_back", "rejected")


def _journeys(deal: Mapping[str, Any], d: int) -> Iterable[tuple[PathParts, list[Any]]]:
    """Every list of forum decisions in a deal: each proposal's and each paper's."""
    for p, proposal in enumerate(deal["proposals"]):
        if "governance" in proposal:
            yield (
                ("deals", d, "proposals", p, "governance", "forums"),
                proposal["governance"]["forums"],
            )
    for p, paper in enumerate(deal.get("papers", [])):
        yield ("deals", d, "papers", p, "forums"), paper.get("forums", [])


def _check_decision(parts: PathParts, decision: Mapping[str, Any], report: Report) -> None:
    outcome = decision["outcome"]
    if "changes" in decision and outcome not in _CHANGES_OUTCOMES:
        report((*parts, "changes"), "only a decision endorsed with changes gives changes")
    if outcome in _CHANGES_OUTCOMES and "changes" not in decision:
        report((*parts, "changes"), "is required when the outcome is endorsed_with_changes")
    if "reasons" in decision and outcome not in _REASONED_OUTCOMES:
        report((*parts, "reasons"), "only a decision referred back or rejected gives reasons")
    if outcome in _REASONED_OUTCOMES and "reasons" not in decision:
        report((*parts, "reasons"), f"is required when the outcome is {outcome}")


def _check_routes(data: Mapping[str, Any], report: Report) -> None:
    """Each decision is taken by the next board on the deal's route, in date order."""
    for d, deal in enumerate(data["deals"]):
        route = deal["route"]
        forums = route["forums"]
        ends = [key for key in ("final_board", "final_decision_maker") if key in route]
        if len(ends) != 1:
            report(
                ("deals", d, "route"),
                "gives both final_board and final_decision_maker; give one"
                if ends
                else "needs final_board or final_decision_maker",
            )
        for parts, decisions in _journeys(deal, d):
            previous = ""
            for i, decision in enumerate(decisions):
                at = (*parts, i)
                if i >= len(forums):
                    report(at, f"is one decision more than the route's {len(forums)} forums")
                elif decision["board"] != forums[i]:
                    report((*at, "board"), f"is not the route's forum at this step ({forums[i]})")
                if decision["date"] < previous:
                    report((*at, "date"), f"is before the decision before it ({previous})")
                previous = decision["date"]
                _check_decision(at, decision, report)
        for p, proposal in enumerate(deal["proposals"]):
            if "governance" in proposal:
                _check_journey(("deals", d, "proposals", p, "governance"), proposal, route, report)


def _check_journey(
    parts: PathParts, proposal: Mapping[str, Any], route: Mapping[str, Any], report: Report
) -> None:
    """What follows the forums comes only after every forum, and only as the route ends."""
    journey = proposal["governance"]
    every_forum = len(journey["forums"]) == len(route["forums"])
    last = journey["forums"][-1]["date"]
    for key in ("submitted_on", "final_board", "decided_alone"):
        if key in journey and not every_forum:
            report((*parts, key), "comes only after a decision by every forum on the route")
    submitted = journey.get("submitted_on")
    if submitted is not None and submitted < last:
        report((*parts, "submitted_on"), f"is before the last forum's decision ({last})")
    for n, negotiation in enumerate(journey.get("negotiations", [])):
        if submitted is not None and negotiation["held_on"] < submitted:
            report((*parts, "negotiations", n, "held_on"), "is before the proposal was submitted")
    _check_final_board(parts, journey, route, report)
    alone = journey.get("decided_alone")
    if alone is not None:
        if alone["person"] != route.get("final_decision_maker"):
            report(
                (*parts, "decided_alone", "person"),
                "is not the final decision maker of the deal's route",
            )
        if alone["date"] < last:
            report(
                (*parts, "decided_alone", "date"), f"is before the last forum's decision ({last})"
            )


def _check_final_board(
    parts: PathParts, journey: Mapping[str, Any], route: Mapping[str, Any], report: Report
) -> None:
    """The final board is the route's, and decides after the forums (and any submission) and
    before the outcome."""
    final = journey.get("final_board")
    if final is None:
        return
    _check_decision((*parts, "final_board"), final, report)
    if final["board"] != route.get("final_board"):
        report((*parts, "final_board", "board"), "is not the final board of the deal's route")
    last = journey["forums"][-1]["date"]
    if "submitted_on" in journey and final["date"] < journey["submitted_on"]:
        report((*parts, "final_board", "date"), "is before the proposal was submitted")
    elif final["date"] < last:
        report((*parts, "final_board", "date"), f"is before the last forum's decision ({last})")
    outcome = journey.get("outcome")
    if outcome is not None and outcome["date"] < final["date"]:
        report((*parts, "outcome", "date"), "is before the final board's decision")


def _check_titles(data: Mapping[str, Any], report: Report) -> None:
    """Proposals are named by title, so a title names one proposal, and names one that exists."""
    seen: set[str] = set()
    for d, deal in enumerate(data["deals"]):
        for p, proposal in enumerate(deal["proposals"]):
            if proposal["title"] in seen:
                report(("deals", d, "proposals", p, "title"), "names another proposal too")
            seen.add(proposal["title"])
        _check_named(("deals", d), deal, report)


def _check_named(parts: PathParts, deal: Mapping[str, Any], report: Report) -> None:
    """Ideas, feedback and papers name the deal's own ideas and proposals."""
    titles = {proposal["title"] for proposal in deal["proposals"]}
    sessions = deal.get("sessions", [])
    ideas = {idea["title"] for session in sessions for idea in session.get("ideas", [])}
    for p, proposal in enumerate(deal["proposals"]):
        if "from_idea" in proposal and proposal["from_idea"] not in ideas:
            report((*parts, "proposals", p, "from_idea"), "names no idea from the deal's sessions")
    for s, session in enumerate(sessions):
        for f, feedback in enumerate(session.get("feedback", [])):
            if "proposal" in feedback and feedback["proposal"] not in titles:
                report(
                    (*parts, "sessions", s, "feedback", f, "proposal"),
                    "names no proposal of the deal",
                )
    for p, paper in enumerate(deal.get("papers", [])):
        for t, title in enumerate(paper["proposals"]):
            if title not in titles:
                report((*parts, "papers", p, "proposals", t), "names no proposal of the deal")


_ENDING_OUTCOMES = {
    "referred_back": (
        "referred it back ({}); a story cannot send it again, so end its journey there"
    ),
    "rejected": "rejected it ({}), which ends the route",
}
_AFTER_FORUMS = ("submitted_on", "final_board", "outcome", "decided_alone")


def _check_nothing_after_referral(data: Mapping[str, Any], report: Report) -> None:
    """Referred back returns a proposal to drafting until it is sent again, which a story
    cannot tell, and rejected ends its route: nothing on the route follows either."""
    for d, deal in enumerate(data["deals"]):
        for p, proposal in enumerate(deal["proposals"]):
            if "governance" not in proposal:
                continue
            at = ("deals", d, "proposals", p, "governance")
            journey = proposal["governance"]
            steps: list[tuple[PathParts, Any]] = [
                ((*at, "forums", i), step) for i, step in enumerate(journey["forums"])
            ]
            steps += [((*at, key), journey[key]) for key in _AFTER_FORUMS if key in journey]
            ending = _report_after_ending(steps, report)
            if ending == "referred_back" and journey.get("published"):
                report(
                    (*at, "published"),
                    "a proposal referred back is drafting again, so it cannot be published",
                )
        for p, paper in enumerate(deal.get("papers", [])):
            at = ("deals", d, "papers", p, "forums")
            forums = paper.get("forums", [])
            _report_after_ending([((*at, i), step) for i, step in enumerate(forums)], report)


def _report_after_ending(steps: list[tuple[PathParts, Any]], report: Report) -> str | None:
    """Report the first step after a referral or rejection; else the outcome of the last step."""
    for n, (_, step) in enumerate(steps):
        outcome = step.get("outcome") if isinstance(step, Mapping) else None
        if outcome in _ENDING_OUTCOMES and n + 1 < len(steps):
            said = _ENDING_OUTCOMES[outcome].format(step["date"])
            who = step.get("board") or step.get("person")
            report(steps[n + 1][0], f"comes after {who} {said}")
            return None
    last = steps[-1][1] if steps else None
    return str(last.get("outcome")) if isinstance(last, Mapping) else None


# --- funding ----------------------------------------------------------------------------------

_IN_PART = "fund_in_part"
_NOT_FUNDED = "do_not_fund"


def _check_fund_dates(data: Mapping[str, Any], report: Report) -> None:
    """The round moves forward in time: open, bid, close, recommend, decide, agree, pay."""
    round = data["round"]
    steps: list[tuple[PathParts, str]] = [
        (("round", key), round[key])
        for key in ("opens_at", "bids_started_at", "bids_submitted_at", "closes_at")
    ]
    steps += [(("round", key), round[key]) for key in ("recommended_on", "decided_on")]
    grants = data.get("grants")
    if grants is not None:
        steps += [(("grants", key), grants[key]) for key in ("signed_on", "agreement_start")]
        steps += [
            (("grants", "instalments", i), day) for i, day in enumerate(grants["instalments"])
        ]
        steps.append((("grants", "agreement_end"), grants["agreement_end"]))
    for (before, earlier), (parts, when) in pairwise(steps):
        if _before(when, earlier):
            report(parts, f"is before {format_path(before)} ({earlier})")


def _before(when: str, other: str) -> bool:
    """Whether a day or moment comes before another; a day holds every moment in it."""
    if len(when) != len(other):
        return when[:10] < other[:10]
    return when < other


def _check_round(data: Mapping[str, Any], report: Report) -> None:
    """Criteria are named once, and a grant is paid no more times than it has instalments."""
    seen: set[str] = set()
    for c, criterion in enumerate(data["round"]["criteria"]):
        if criterion["title"] in seen:
            report(("round", "criteria", c, "title"), "names another criterion too")
        seen.add(criterion["title"])
    grants = data.get("grants")
    if grants is not None and grants.get("paid", 0) > len(grants["instalments"]):
        report(("grants", "paid"), f"is more than the {len(grants['instalments'])} instalments")


def _check_bids(data: Mapping[str, Any], report: Report) -> None:
    """Each bid can be made to the round as written, and decided within its ask."""
    round = data["round"]
    priorities = set(data["fund"]["priorities"])
    titles: set[str] = set()
    for b, bid in enumerate(data["bids"]):
        at: PathParts = ("bids", b)
        if bid["title"] in titles:
            report((*at, "title"), "names another bid too")
        titles.add(bid["title"])
        if bid["lead_area"] not in bid["areas"]:
            report((*at, "lead_area"), "is not one of the bid's areas")
        for p, priority in enumerate(bid["priorities"]):
            if priority not in priorities:
                report((*at, "priorities", p), "is not one of the fund's priorities")
        if len(bid["amounts"]) > round["max_years"]:
            report(
                (*at, "amounts"),
                f"asks for {len(bid['amounts'])} years; the round's grants last at most "
                f"{round['max_years']}",
            )
        if bid.get("submitted", True):
            _check_assessed(at, bid, data, report)
        else:
            for key in ("scores", "recommendation", "determination", "first_return"):
                if key in bid:
                    report((*at, key), "a bid that is not submitted is not assessed or decided")


def _check_assessed(
    at: PathParts, bid: Mapping[str, Any], data: Mapping[str, Any], report: Report
) -> None:
    criteria = data["round"]["criteria"]
    for s, scores in enumerate(bid.get("scores", [])):
        if len(scores) != len(criteria):
            report(
                (*at, "scores", s),
                f"gives {_count(len(scores), 'score')} for {_count(len(criteria), 'criterion')}; "
                "give one for each criterion, in order",
            )
        for c, (score, criterion) in enumerate(zip(scores, criteria, strict=False)):
            if score > criterion.get("scale_max", 5):
                report((*at, "scores", s, c), "is above the criterion's highest score")
    if "recommendation" not in bid:
        report((*at, "recommendation"), "is required when the bid is submitted")
        return
    for key in ("recommendation", "determination"):
        if key in bid:
            _check_award((*at, key), bid[key], bid["amounts"], report)
    decision = bid.get("determination", bid["recommendation"])
    if "first_return" in bid:
        _check_return((*at, "first_return"), bid, decision, data, report)


def _check_award(
    parts: PathParts, decision: Mapping[str, Any], asked: list[int], report: Report
) -> None:
    """Only funding in part gives an amount, and no more than the bid asks for."""
    given = [key for key in ("amount", "amounts") if key in decision]
    if decision["outcome"] != _IN_PART:
        for key in given:
            report((*parts, key), "only a decision to fund in part gives an amount")
        return
    if len(given) != 1:
        report(
            parts,
            "gives both amount and amounts; give one"
            if given
            else "needs amount or amounts when funding in part",
        )
        return
    if "amount" in decision and decision["amount"] > sum(asked):
        report((*parts, "amount"), f"is more than the bid asks for ({sum(asked)})")
    amounts = decision.get("amounts", [])
    if "amounts" in decision and len(amounts) != len(asked):
        report(
            (*parts, "amounts"),
            f"gives {_count(len(amounts), 'amount')} for {_count(len(asked), 'year')}; give one "
            "for each year the bid asks for",
        )
    for y, (amount, ask) in enumerate(zip(amounts, asked, strict=False)):
        if amount > ask:
            report((*parts, "amounts", y), f"is more than the bid asks for that year ({ask})")


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number} {'criteria' if noun == 'criterion' else noun + 's'}"


def _awarded(decision: Mapping[str, Any], asked: list[int]) -> list[int]:
    """What a decision gives for each year: nothing, the ask, or the part."""
    if decision["outcome"] == _NOT_FUNDED:
        return []
    if decision["outcome"] != _IN_PART:
        return list(asked)
    if "amounts" in decision:
        return list(decision["amounts"])
    return [decision.get("amount", 0)]


def _check_return(
    parts: PathParts,
    bid: Mapping[str, Any],
    decision: Mapping[str, Any],
    data: Mapping[str, Any],
    report: Report,
) -> None:
    """A return comes in on an agreed grant, after it starts, for the bid's own outcomes."""
    given = bid["first_return"]
    if decision["outcome"] == _NOT_FUNDED:
        report(parts, "only a bid that is funded has a grant to report on")
        return
    grants = data.get("grants")
    if grants is None:
        report(parts, "comes only on a grant agreed as grants says; give grants")
    elif given["submitted_at"][:10] < grants["agreement_start"]:
        report(
            (*parts, "submitted_at"), f"is before the grant starts ({grants['agreement_start']})"
        )
    total = sum(_awarded(decision, bid["amounts"]))
    if given["spend_to_date"] > total:
        report((*parts, "spend_to_date"), f"is more than the grant ({total})")
    figures = given.get("figures", [])
    outcomes = bid.get("outcomes", [])
    if len(figures) != len(outcomes):
        report(
            (*parts, "figures"),
            f"gives {_count(len(figures), 'figure')} for {_count(len(outcomes), 'outcome')}; "
            "give one for each of the bid's outcomes, in order",
        )


def _check_budget(data: Mapping[str, Any], report: Report) -> None:
    """What is awarded for the fund's own year fits the round's budget for it."""
    budget = data["round"]["budget"]
    first_year = 0
    for bid in data["bids"]:
        if bid.get("submitted", True) and "recommendation" in bid:
            decision = bid.get("determination", bid["recommendation"])
            first_year += next(iter(_awarded(decision, bid["amounts"])), 0)
    if first_year > budget:
        report(
            ("round", "budget"),
            f"is less than the first year's awards, which add up to {first_year}",
        )


def pack_checks(region_slug: str, part: str) -> tuple[DocumentCheck, ...]:
    """Checks of what a story names in its region's shipped pack, when it has one."""
    pack_file = shipped_packs().get(region_slug)
    if pack_file is None or part != "funding":
        return ()
    try:
        pack = load_pack_file(pack_file)
    except PackError:
        return ()

    def check(data: Mapping[str, Any], report: Report) -> None:
        _check_funding_names(pack, data, report)

    return (check,)


def _check_funding_names(pack: RegionPack, data: Mapping[str, Any], report: Report) -> None:
    """The fund, the bidders and the areas are the pack's, and the round fits the fund."""
    pack_name = f"the {pack.region.slug} pack"
    fund = next((f for f in pack.funds if f.slug == data["fund"]["slug"]), None)
    if fund is None:
        report(("fund", "slug"), f"names no fund of {pack_name}")
    elif data["round"]["budget"] > fund.budget:
        report(("round", "budget"), f"is more than the fund's budget ({fund.budget})")
    organisations = {o.slug for o in pack.organisations}
    areas = {a.code for a in pack.areas}
    for b, bid in enumerate(data["bids"]):
        if bid["organisation"] not in organisations:
            report(("bids", b, "organisation"), f"names no organisation of {pack_name}")
        if bid["lead_area"] not in areas:
            report(("bids", b, "lead_area"), f"names no area of {pack_name}")
        for a, code in enumerate(bid["areas"]):
            if code not in areas:
                report(("bids", b, "areas", a), f"names no area of {pack_name}")


_CHECKS: dict[str, tuple[DocumentCheck, ...]] = {
    "meetings": (_check_items, _check_series),
    "proposals": (_check_titles, _check_routes, _check_nothing_after_referral),
    "funding": (_check_fund_dates, _check_round, _check_bids, _check_budget),
}
