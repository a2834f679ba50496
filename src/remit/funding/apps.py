from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "remit.funding"
    label = "funding"
    verbose_name = "Funding"

    def ready(self) -> None:
        from remit.core.services.region import pack_part
        from remit.funding.area_reports import area_grant_lines
        from remit.funding.result_owner import GRANT_OWNER
        from remit.funding.services.region_funds import funds_load
        from remit.funding.services.reminders import returns_check
        from remit.indicators.owners import result_owner
        from remit.indicators.reports import report_grants
        from remit.notifications.services import scheduled_check

        pack_part(funds_load)
        scheduled_check(returns_check)
        result_owner("funding.grant", GRANT_OWNER)
        report_grants(area_grant_lines)
