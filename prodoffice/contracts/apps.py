from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "prodoffice.contracts"
    label = "contracts"
    verbose_name = "Contracts"

    def demo_extend(self, production) -> None:
        """`prodoffice demo`: the office seal key when there is none, and deal memos on HARBOR in
        the states the contract desk shows."""
        from prodoffice.contracts.demo import demo_contracts, demo_seal

        demo_seal(production)
        demo_contracts(production)
