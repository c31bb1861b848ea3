"""The audit sentences of contracts' actions (`contract.<verb>`, from `services.common.audit`)."""

from __future__ import annotations

from prodoffice.audit.describe import register, register_target, updated

register_target("contracts.contract", lambda c: f"{c.reference} {c.title}".strip())
register_target(
    "contracts.bulkjob", lambda j: f"a bulk {j.get_kind_display().lower()} of {j.total} contracts"
)

register(
    {
        "contract.create": "drafted the contract {target}",
        "contract.update": updated("contract"),
        "contract.party_add": "added a party to the contract {target}: {message}",
        "contract.party_remove": "removed a party from the contract {target}: {message}",
        "contract.new_version": "started version {new[version]} of the contract {target}",
        "contract.send": "sent the contract {target} for signature",
        "contract.sent": "finished sending the contract {target}",
        "contract.send_failed": "could not send the contract {target}",
        "contract.remind": "reminded the parties of the contract {target}",
        "contract.link_wrong_code": "refused a wrong signing code for the contract {target}",
        "contract.party_sign": "signed the contract {target} (now {new[status]})",
        "contract.party_decline": "declined the contract {target}",
        "contract.consent_withdraw": "withdrew consent to sign {target} electronically",
        "contract.countersign": "countersigned the contract {target}",
        "contract.seal": "sealed the contract {target} with the office seal",
        "contract.seal_failed": "could not seal the contract {target}",
        "contract.void": "voided the contract {target}",
        "contract.expire": "let the contract {target} expire",
        "contract.bulk_send": "started {target}",
        "contract.bulk_countersign": "started {target}",
    },
    quiet={
        "contract.party_add",
        "contract.party_remove",
        "contract.link_wrong_code",
        "contract.consent_withdraw",
    },
)
