# ruff: noqa: E501  (template HTML: one row of the terms table per line reads best)
"""The first template of every contract type and the first consent text (loaded by a migration).

Bodies are Django template HTML rendered by `rendering.render_html`; later versions are new
`ContractTemplate` rows, so a sent contract always names the version it was rendered from.
"""

from __future__ import annotations

CONSENT_VERSION = "1"
CONSENT_TEXT = (
    "I agree to sign this contract electronically. I understand that my typed name (and a drawn "
    "signature, if I add one) has the same effect as my handwritten signature, that the "
    "production office records the time, my IP address, my browser and the SHA-256 fingerprint "
    "of the document I sign, and that I may ask the production office for a paper copy or "
    "withdraw this consent before signing by declining to sign."
)

TITLES = {
    "cast": ("Performer Agreement", "engages the Performer named below to render services"),
    "crew": ("Crew Deal Memo", "engages the crew member named below"),
    "director": ("Director Agreement", "engages the Director named below to direct"),
    "studio": ("Studio and Financing Agreement", "sets out the financing and distribution of"),
    "location": ("Location Agreement", "grants the Production the use of the location for"),
    "vendor": ("Vendor and Facility Agreement", "engages the vendor or facility named below for"),
    "language": (
        "Language Services Agreement",
        "engages the translator or language-services provider named below for",
    ),
}

_STYLE = """
<style>
  @page { size: A4; margin: 22mm 20mm; @bottom-center { content: "{{ contract.reference }} –
    page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
  body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; }
  h1 { font-size: 16pt; margin: 0 0 2mm; }
  h2 { font-size: 11pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; width: 38%; font-weight: normal; color: #444; }
  td, th { padding: 1mm 2mm; border-bottom: 1px solid #ddd; vertical-align: top; }
  .ref { color: #555; font-size: 9pt; }
  .clauses { white-space: pre-wrap; }
</style>
"""

_TERMS = """
<h2>Terms</h2>
<table>
  {% if contract.engagement %}<tr><th>Engagement</th><td>{{ contract.engagement.position }}</td></tr>{% endif %}
  {% if contract.location %}<tr><th>Location</th><td>{{ contract.location }}</td></tr>{% endif %}
  {% if contract.position %}<tr><th>Position</th><td>{{ contract.position }}</td></tr>{% endif %}
  {% if contract.department %}<tr><th>Department</th><td>{{ contract.department }}</td></tr>{% endif %}
  {% if contract.union or contract.occupation_code %}<tr><th>Union, occupation code</th><td>{{ contract.union }} {{ contract.occupation_code }}</td></tr>{% endif %}
  {% if contract.rate is not None %}<tr><th>{% if contract.contract_type == "location" %}Fee{% else %}Rate{% endif %}</th><td>{{ contract.currency }} {{ contract.rate }} {{ contract.get_rate_unit_display }}</td></tr>{% endif %}
  {% if contract.hire_basis %}<tr><th>Hire</th><td>{{ contract.get_hire_basis_display }}</td></tr>{% endif %}
  {% if contract.guarantee %}<tr><th>Guarantee</th><td>{{ contract.guarantee }} {{ contract.get_guarantee_unit_display }}</td></tr>{% endif %}
  {% if contract.start_date %}<tr><th>Start</th><td>{{ contract.start_date|date:"Y-m-d" }}</td></tr>{% endif %}
  {% if contract.end_date %}<tr><th>End</th><td>{{ contract.end_date|date:"Y-m-d" }}</td></tr>{% endif %}
  {% if contract.overtime_terms %}<tr><th>Overtime</th><td>{{ contract.overtime_terms }}</td></tr>{% endif %}
  {% if contract.kit_rental is not None %}<tr><th>Kit or box rental</th><td>{{ contract.currency }} {{ contract.kit_rental }}</td></tr>{% endif %}
  {% if contract.car_allowance is not None %}<tr><th>Car allowance</th><td>{{ contract.currency }} {{ contract.car_allowance }}</td></tr>{% endif %}
  {% if contract.per_diem is not None %}<tr><th>Per diem</th><td>{{ contract.currency }} {{ contract.per_diem }}</td></tr>{% endif %}
  {% if contract.agency %}<tr><th>Agency</th><td>{{ contract.agency }}{% if contract.agent_fee_percent is not None %} (fee {{ contract.agent_fee_percent }} %){% endif %}</td></tr>{% endif %}
  {% if contract.loan_out_company %}<tr><th>Loan-out company</th><td>{{ contract.loan_out_company }}</td></tr>{% endif %}
  {% if contract.credit %}<tr><th>Credit</th><td>{{ contract.credit }}</td></tr>{% endif %}
  {% if contract.season or contract.episode %}<tr><th>Season, episode</th><td>{{ contract.season }} {{ contract.episode }}</td></tr>{% endif %}
</table>
{% if contract.clauses %}<h2>Clauses</h2><div class="clauses">{{ contract.clauses }}</div>{% endif %}
"""

_PARTIES = """
<h2>Parties</h2>
<table>
  <tr><th>The Production</th><td>{{ production.title }} ({{ production.code }}){% if production.production_company %}, {{ production.production_company }}{% endif %}, acting through its production office</td></tr>
  {% for party in parties %}<tr><th>{{ party.get_role_display }}</th><td>{{ party.display_name }} &lt;{{ party.email }}&gt;</td></tr>{% endfor %}
</table>
<h2>Signatures</h2>
<p>The parties sign electronically first; the production office countersigns last and seals the
completed document. A certificate of completion is appended to the executed document.</p>
"""


#: The template version `body` writes: 2 added the location, the department and the fee.
VERSION = 2


def body(contract_type: str) -> str:
    """The first template body of a type."""
    title, purpose = TITLES[contract_type]
    head = (
        f"<html><head><meta charset='utf-8'><title>{title}</title>{_STYLE}</head><body>"
        f"<h1>{title}</h1>"
        '<p class="ref">{{ contract.reference }} · template v{{ template_version }}</p>'
        f"<p>This agreement {purpose} <em>{{{{ production.title }}}}</em>: "
        "{{ contract.title }}.</p>"
    )
    return head + _PARTIES + _TERMS + "</body></html>"
