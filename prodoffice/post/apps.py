from django.apps import AppConfig


class PostConfig(AppConfig):
    name = "prodoffice.post"
    label = "post"
    verbose_name = "Post-production"
