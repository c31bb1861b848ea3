from django.apps import AppConfig


class PostConfig(AppConfig):
    name = "prodoffice.post"
    label = "post"
    verbose_name = "Post-production"

    def demo_extend(self, production) -> None:
        """`prodoffice demo`: rooms, the pipeline, two cut versions, bookings, deliveries."""
        from prodoffice.post.demo import demo_post

        demo_post(production)
