from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "remit.registry"
    label = "registry"
    verbose_name = "Registry pages"
