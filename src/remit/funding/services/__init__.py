"""Every change to the fund: one function per use case, each in a transaction.

Each takes the acting user (`by=`), checks the permission, and records who changed what and
why in the history. Bad input raises `DomainError` naming the field and changes nothing.
"""

from remit.funding.services.assessment import interest_declare
from remit.funding.services.assessment import scores_record
from remit.funding.services.bids import attachment_add
from remit.funding.services.bids import attachment_remove
from remit.funding.services.bids import bid_create
from remit.funding.services.bids import bid_submit
from remit.funding.services.bids import bid_update
from remit.funding.services.bids import bid_withdraw
from remit.funding.services.bids import match_funding_add
from remit.funding.services.bids import match_funding_remove
from remit.funding.services.bids import outcome_add
from remit.funding.services.bids import outcome_remove
from remit.funding.services.decisions import determination_record
from remit.funding.services.decisions import recommendation_record
from remit.funding.services.funds import fund_next_year
from remit.funding.services.funds import fund_update
from remit.funding.services.funds import scenario_adopt
from remit.funding.services.funds import scenario_create
from remit.funding.services.funds import scenario_update
from remit.funding.services.grants import grant_agreement_set
from remit.funding.services.grants import grant_correct
from remit.funding.services.grants import grant_publish
from remit.funding.services.grants import grant_schedule_set
from remit.funding.services.grants import grant_unpublish
from remit.funding.services.grants import payment_record
from remit.funding.services.grants import payment_reverse
from remit.funding.services.grants import return_submit
from remit.funding.services.notices import notice_publish
from remit.funding.services.notices import notice_record
from remit.funding.services.recommendations import BidVerdict
from remit.funding.services.recommendations import round_on_agenda
from remit.funding.services.recommendations import round_recommendation_record
from remit.funding.services.rounds import criterion_add
from remit.funding.services.rounds import criterion_remove
from remit.funding.services.rounds import moderation_open
from remit.funding.services.rounds import question_add
from remit.funding.services.rounds import question_move
from remit.funding.services.rounds import question_remove
from remit.funding.services.rounds import round_create
from remit.funding.services.rounds import round_update
from remit.funding.services.scenarios import scenario_build
from remit.funding.services.scenarios import scenario_gaps
from remit.funding.services.scenarios import scenario_yaml

__all__ = [
    "BidVerdict",
    "attachment_add",
    "attachment_remove",
    "bid_create",
    "bid_submit",
    "bid_update",
    "bid_withdraw",
    "criterion_add",
    "criterion_remove",
    "determination_record",
    "fund_next_year",
    "fund_update",
    "grant_agreement_set",
    "grant_correct",
    "grant_publish",
    "grant_schedule_set",
    "grant_unpublish",
    "interest_declare",
    "match_funding_add",
    "match_funding_remove",
    "moderation_open",
    "notice_publish",
    "notice_record",
    "outcome_add",
    "outcome_remove",
    "payment_record",
    "payment_reverse",
    "question_add",
    "question_move",
    "question_remove",
    "recommendation_record",
    "return_submit",
    "round_create",
    "round_on_agenda",
    "round_recommendation_record",
    "round_update",
    "scenario_adopt",
    "scenario_build",
    "scenario_create",
    "scenario_gaps",
    "scenario_update",
    "scenario_yaml",
    "scores_record",
]
