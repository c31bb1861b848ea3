"""The audit sentences of accounts' actions (users, sign-in factors, tokens)."""

from __future__ import annotations

from prodoffice.audit.describe import register, register_target

register_target("accounts.user", str)
# A membership reads as its user; gone, its stored label "Ada Lovelace – Crew on 7" up to the dash.
register_target(
    "accounts.membership",
    lambda m: str(m.user),
    from_label=lambda label: label.split(" – ")[0],
    related=("user",),
)

register(
    {
        "user.create": "created the account of {target}",
        "user.set_password": "set a new password for {target}",
        "user.activate": "reactivated the account of {target}",
        "user.deactivate": "deactivated the account of {target}",
        "user.link_person": "linked {target} to the sign-in account {new[user]}",
        "user.totp_enrol": "enrolled an authenticator app for {target}",
        "user.token_issue": "issued an API token for {target}",
        "user.token_revoke": "revoked the API token of {target}",
    }
)
