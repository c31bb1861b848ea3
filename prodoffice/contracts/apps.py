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

    def chain_report(self):
        """`prodoffice audit verify`: every contract's event chain, verified (ADR 0008)."""
        from prodoffice.audit.chain import ChainReport
        from prodoffice.contracts.chain import verify_chains

        return ChainReport.collect("contract", verify_chains())
