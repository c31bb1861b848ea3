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

    def cut_version_added(self, *, actor, version) -> None:
        """post's `cut_import`, in its transaction: review the subtitles timed against an older
        version of the same cut (post cannot import languages)."""
        from prodoffice.languages.services.cuts import subtitles_on_new_cut

        subtitles_on_new_cut(actor=actor, new_cut=version, on_cut_import=True)
