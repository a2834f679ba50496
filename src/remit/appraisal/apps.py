from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "remit.appraisal"
    label = "appraisal"
    verbose_name = "Business cases and appraisal"
