from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "remit.funding"
    label = "funding"
    verbose_name = "Funding"
