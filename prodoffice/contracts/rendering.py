"""Rendering a contract through its type's template to HTML, then to PDF with WeasyPrint.

Nothing is fetched while rendering: the URL fetcher refuses every URL, so a template (or a
clause typed by a user) cannot make the server read files or call out; fonts are the system's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template import Context, Engine

from prodoffice.contracts.models import Contract, ContractTemplate

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


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"Contract rendering fetches nothing (refused {url[:60]})")


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint rendering with every fetch refused."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).write_pdf()


def render_pdf(contract: Contract) -> tuple[bytes, ContractTemplate]:
    """The contract's document as PDF bytes, and the template version used."""
    template = current_template(contract.contract_type)
    return html_to_pdf(render_html(contract, template)), template
