"""Rendering a contract through its type's template to HTML, then to PDF.

Contract templates are stored rows, rendered by a dedicated template engine; the PDF comes from
the one renderer (`core.pdf.render_pdf`), which fetches nothing, so a template (or a clause typed
by a user) cannot make the server read files or call out.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.template import Context, Engine

from prodoffice.contracts.models import Contract, ContractTemplate
from prodoffice.core.pdf import render_pdf

#: A dedicated engine: autoescaping on, no custom tags, no file loaders.
_ENGINE = Engine(autoescape=True, libraries={}, builtins=["django.template.defaultfilters"])


def current_template(contract_type: str) -> ContractTemplate:
    """The newest template version of a contract type."""
    template = (
        ContractTemplate.objects.filter(contract_type=contract_type).order_by("-version").first()
    )
    if template is None:
        raise ValidationError(
            {"contract_type": f"There is no template for {contract_type} contracts yet."},
            code="no_template",
        )
    return template


def render_html(contract: Contract, template: ContractTemplate) -> str:
    """The contract as HTML, by the template's body."""
    parties = list(contract.parties.select_related("person", "company").order_by("order", "id"))
    context = Context(
        {
            "contract": contract,
            "production": contract.production,
            "parties": parties,
            "template_version": template.version,
        }
    )
    return _ENGINE.from_string(template.body).render(context)


def _pdf(html: str, contract: Contract) -> bytes:
    """The contract's HTML as PDF, with the contract's reference and title as metadata."""
    return render_pdf(
        html=html,
        title=f"{contract.title} ({contract.reference})",
        author=contract.production.title,
        subject="Contract",
    )


#: The banner and mark of a preview: never mistaken for the document sent for signature.
PREVIEW_LABEL = "Preview of a draft – not for signature"
_PREVIEW_MARK = (
    "<style>"
    '@page { @top-center { content: "' + PREVIEW_LABEL + '"; font-size: 9pt; color: #a61b1b; } }'
    ".prodoffice-preview { position: fixed; top: 42%; left: -10%; right: -10%;"
    " text-align: center; transform: rotate(-32deg); font-size: 64pt; font-weight: bold;"
    " letter-spacing: 0.1em; color: rgba(166, 27, 27, 0.14); }"
    "</style>"
    '<div class="prodoffice-preview" aria-hidden="true">DRAFT</div>'
)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


#: The box of what sending would refuse for, at the top of a preview.
_WARNINGS = _ENGINE.from_string(
    '<div style="border: 2px solid #a61b1b; padding: 2mm 4mm; margin-bottom: 4mm;">'
    '<strong style="color: #a61b1b;">Not ready to send:</strong><ul>'
    "{% for w in warnings %}<li>{{ w }}</li>{% endfor %}</ul></div>"
)


def preview_pdf(contract: Contract, warnings: list[str] | None = None) -> bytes:
    """A draft as it would be sent, by the current template, marked as a preview on every page,
    with the warnings (what sending would refuse for) on top. Nothing is stored or frozen."""
    html = render_html(contract, current_template(contract.contract_type))
    match = _BODY.search(html)
    at = match.end() if match else 0
    mark = _PREVIEW_MARK
    if warnings:
        mark += _WARNINGS.render(Context({"warnings": warnings}))
    return _pdf(html[:at] + mark + html[at:], contract)


def contract_pdf(contract: Contract) -> tuple[bytes, ContractTemplate]:
    """The contract's document as PDF bytes, and the template version used."""
    template = current_template(contract.contract_type)
    return _pdf(render_html(contract, template), contract), template
