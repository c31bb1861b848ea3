from django.apps import AppConfig


class CallsheetsConfig(AppConfig):
    name = "prodoffice.callsheets"
    label = "callsheets"
    verbose_name = "Call sheets"

    def demo_extend(self, production) -> None:
        """`prodoffice demo`: a published call sheet for the first shoot day, a draft for the
        second."""
        from prodoffice.callsheets.demo import demo_callsheets

        demo_callsheets(production)

    def feed_events(self, production, person) -> list:
        """Published calls of a person, for their calendar feed (scheduling.ical asks every app
        that offers this hook; scheduling cannot import call sheets)."""
        from prodoffice.callsheets.selectors.schedule import feed_calls

        return feed_calls(production=production, person=person)
