"""The golden thread: one mission followed from the proposals aligned to it to the figures
that show whether it moved.

mission → the proposals aligned to it → the forums' and boards' decisions on them → the
business cases and their appraisal → the grants whose results claim the mission → those
results and the grants' monitoring returns → the mission's indicators and how they moved.

The whole chain is read in a fixed number of queries, whatever the size of the data.
With `public=True` only what is published is read; otherwise each part is what the viewer
may open (each app's own `visible_to` and permission functions), and each link goes to the
page they can open.

One module per seam; everything is importable from here.
"""

from remit.thread.selectors.cases import CaseLine
from remit.thread.selectors.cases import case_lines
from remit.thread.selectors.grants import GrantLine
from remit.thread.selectors.grants import ReturnLine
from remit.thread.selectors.grants import grant_lines
from remit.thread.selectors.grants import mission_result_views
from remit.thread.selectors.indicators import DIRECTIONS
from remit.thread.selectors.indicators import Claim
from remit.thread.selectors.indicators import IndicatorLine
from remit.thread.selectors.indicators import direction
from remit.thread.selectors.indicators import indicator_lines
from remit.thread.selectors.mission import Thread
from remit.thread.selectors.mission import mission_for
from remit.thread.selectors.mission import thread
from remit.thread.selectors.proposals import DecisionLine
from remit.thread.selectors.proposals import ProposalLine
from remit.thread.selectors.proposals import decision_lines
from remit.thread.selectors.proposals import proposal_lines
from remit.thread.selectors.records import Link
from remit.thread.selectors.records import RecordThread
from remit.thread.selectors.records import case_thread
from remit.thread.selectors.records import grant_thread
from remit.thread.selectors.records import indicator_thread
from remit.thread.selectors.records import mission_thread_link
from remit.thread.selectors.records import proposal_thread
from remit.thread.selectors.records import record_thread

__all__ = [
    "DIRECTIONS",
    "CaseLine",
    "Claim",
    "DecisionLine",
    "GrantLine",
    "IndicatorLine",
    "Link",
    "ProposalLine",
    "RecordThread",
    "ReturnLine",
    "Thread",
    "case_lines",
    "case_thread",
    "decision_lines",
    "direction",
    "grant_lines",
    "grant_thread",
    "indicator_lines",
    "indicator_thread",
    "mission_for",
    "mission_result_views",
    "mission_thread_link",
    "proposal_lines",
    "proposal_thread",
    "record_thread",
    "thread",
]
