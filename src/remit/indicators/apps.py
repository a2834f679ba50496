from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "remit.indicators"
    label = "indicators"
    verbose_name = "Indicators"
