from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "remit.proposals"
    label = "proposals"
    verbose_name = "Devolution deal proposals"
