"""Funds: a budget for a financial year, owned by an office and decided by one person."""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from remit.core.models import Board, Organisation, Person, Region

FINANCIAL_YEAR = RegexValidator(r"^\d{4}/\d{2}$", "Write the financial year as 2018/19.")


class Fund(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="funds")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    financial_year = models.CharField(max_length=7, validators=[FINANCIAL_YEAR])
    budget_pence = models.BigIntegerField(validators=[MinValueValidator(0)])
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="funds")
    decision_maker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="funds_decided"
    )
    recommending_board = models.ForeignKey(
        Board, on_delete=models.SET_NULL, null=True, blank=True, related_name="funds_recommended"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_fund_slug"),
            models.CheckConstraint(
                condition=models.Q(budget_pence__gte=0), name="fund_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name
