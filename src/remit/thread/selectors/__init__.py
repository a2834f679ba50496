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

from remit.thread.selectors.cases import (
    CaseLine,
    case_lines,
)
from remit.thread.selectors.grants import (
    GrantLine,
    ReturnLine,
    grant_lines,
    mission_result_views,
)
from remit.thread.selectors.indicators import (
    DIRECTIONS,
    Claim,
    IndicatorLine,
    direction,
    indicator_lines,
)
from remit.thread.selectors.mission import (
    Thread,
    mission_for,
    thread,
)
from remit.thread.selectors.proposals import (
    DecisionLine,
    ProposalLine,
    decision_lines,
    proposal_lines,
)
from remit.thread.selectors.records import (
    Link,
    RecordThread,
    case_thread,
    grant_thread,
    indicator_thread,
    mission_thread_link,
    proposal_thread,
    record_thread,
)

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
