from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "remit.indicators"
    label = "indicators"
    verbose_name = "Indicators"

    def ready(self) -> None:
        from remit.core.services.region import pack_part
        from remit.indicators.services.region_indicators import pack_indicators_load

        pack_part(pack_indicators_load)
