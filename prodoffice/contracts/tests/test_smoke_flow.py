"""A first end-to-end pass through the services, without the seal."""

from prodoffice.contracts.tests.helpers import sent, sign_all


def test_two_parties_sign_and_the_contract_is_signed(world):
    contract = sent(world)
    assert contract.status == "sent"
    contract = sign_all(world, contract)
    assert contract.status == "signed"
    assert list(contract.events.values_list("action", flat=True)) == [
        "created",
        "sent",
        "consent",
        "viewed",
        "signed",
        "consent",
        "viewed",
        "signed",
    ]
