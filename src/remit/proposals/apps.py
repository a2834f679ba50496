from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "remit.proposals"
    label = "proposals"
    verbose_name = "Devolution deal proposals"

    def ready(self) -> None:
        from remit.core.context_processors import section_gate
        from remit.proposals.permissions import can_view_drafts

        section_gate("proposals:register", can_view_drafts, "published_proposals:list")
