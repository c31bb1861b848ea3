from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    name = "prodoffice.languages"
    label = "languages"
    verbose_name = "Languages"

    def demo_extend(self, production) -> None:
        """`prodoffice demo`: a target language with a translator, a subtitle file with QC findings,
        a dubbing cast."""
        from prodoffice.languages.demo import demo_languages

        demo_languages(production)
