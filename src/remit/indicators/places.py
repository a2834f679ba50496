"""Places for maps: the region's boundary shapes and its neighbourhoods (2011 LSOAs).

Shapes are stored, not fetched, so a page or a PDF draws its map with no download.
Each load is one attributed record (who, when, from which files, with the licence's
attribution); the shapes it wrote carry no history of their own, as they are replaced
whole by the next load.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import User


class BoundaryLoad(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="boundary_loads")
    sources = models.TextField(help_text="The files the shapes were read from.")
    attribution = models.TextField(help_text="What the shapes' licence asks every map to say.")
    districts = models.PositiveIntegerField(default=0)
    neighbourhoods = models.PositiveIntegerField(default=0)
    loaded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-loaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Boundaries loaded {self.loaded_at:%Y-%m-%d %H:%M}"


class Boundary(models.Model):
    """One TopoJSON topology: the region's districts, or one district's neighbourhoods."""

    class Level(models.TextChoices):
        DISTRICT = "district", "Districts"
        LSOA = "lsoa", "Neighbourhoods (2011 LSOAs)"

    load = models.ForeignKey(BoundaryLoad, on_delete=models.CASCADE, related_name="shapes")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="boundaries")
    level = models.CharField(max_length=10, choices=Level.choices)
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="boundaries"
    )
    object_name = models.CharField(max_length=60)
    topology = models.JSONField()
    codes = models.JSONField(default=list)

    class Meta:
        ordering = ["region", "level", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "level", "area"],
                name="one_boundary_per_level_and_area",
                violation_error_message=(
                    "This area already has a shape at this level: load the boundaries again "
                    "to replace it."
                ),
            ),
            models.UniqueConstraint(
                fields=["region", "level"],
                condition=models.Q(area__isnull=True),
                name="one_district_boundary_per_region",
                violation_error_message=(
                    "The region already has a map of its districts: load the boundaries again "
                    "to replace it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} shapes of {self.area or self.region}"


class Neighbourhood(models.Model):
    """A 2011 LSOA in one of the region's districts, with its population and IMD 2019."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbourhoods")
    code = models.CharField("LSOA code", max_length=9)
    name = models.CharField(max_length=120)
    population = models.PositiveIntegerField(null=True, blank=True)
    imd_rank = models.PositiveIntegerField(
        "IMD 2019 rank", null=True, blank=True, help_text="1 is the most deprived in England."
    )
    imd_decile = models.PositiveSmallIntegerField(
        "IMD 2019 decile", null=True, blank=True, help_text="1 is the most deprived tenth."
    )

    class Meta:
        ordering = ["area", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"],
                name="one_neighbourhood_per_code",
                violation_error_message=(
                    "This neighbourhood code is already recorded for the area: each "
                    "neighbourhood appears once."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
