"""The search index: one row for each thing a person can find, kept current on commit.

Each row carries what the results page shows (title, body for the snippet, the link) and
what decides who may see it, worked out when the row is written with the same permission
functions the detail pages use: the roles that may open it, the board whose members may,
the partner organisation that owns it, the person who owns it, and whether (and from
when) the public may. The full-text structure beside it differs by database: an FTS5
table on SQLite, a tsvector column with a GIN index on PostgreSQL (migration 0002).
"""

from __future__ import annotations

from django.db import models

from remit.core.models import Region


class Kind(models.TextChoices):
    PROPOSAL = "proposal", "Proposals"
    MEETING = "meeting", "Meetings"
    AGENDA_ITEM = "agenda_item", "Agenda items"
    PAPER = "paper", "Papers"
    DECISION = "decision", "Decisions"
    MINUTES = "minutes", "Minutes"
    BUSINESS_CASE = "business_case", "Business cases"
    BID = "bid", "Bids"
    GRANT = "grant", "Grants"
    ORGANISATION = "organisation", "Organisations"
    PERSON = "person", "People"
    INDICATOR = "indicator", "Indicators"


class SearchDocument(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    public_copy = models.BooleanField(
        default=False,
        help_text="The public version of a record whose insiders have their own, fuller row.",
    )
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, help_text="The page for those who may see it inside.")
    public_url = models.CharField(max_length=300, blank=True)
    published = models.BooleanField(default=False)
    public_from = models.DateField(null=True, blank=True)
    roles = models.CharField(max_length=200, blank=True, help_text="|role|role| that may open it.")
    member_board = models.PositiveBigIntegerField(null=True, blank=True)
    organisation = models.PositiveBigIntegerField(null=True, blank=True)
    owner_person = models.PositiveBigIntegerField(null=True, blank=True)
    board = models.PositiveBigIntegerField(null=True, blank=True)
    missions = models.CharField(max_length=200, blank=True, help_text="|id|id| of missions.")
    date = models.DateField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "public_copy"],
                name="one_search_row_per_version",
                violation_error_message=(
                    "That record is already in the search index. Rebuild the search index to "
                    "refresh it."
                ),
            )
        ]
        indexes = [models.Index(fields=["region", "kind"], name="search_region_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
