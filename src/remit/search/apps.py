from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "remit.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from remit.search import signals

        signals.connect()
