"""/verify/: anyone checks a PDF's office seal; nothing uploaded is kept (throttled per address)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from prodoffice.contracts import selectors
from prodoffice.contracts.views.signing import AddressThrottle, throttled

#: Verifying a PDF costs CPU: a stricter rate per address.
VERIFY_RATE = "10/min"
#: Uploads larger than this are refused by the verifier (a sealed contract is far smaller).
VERIFY_MAX_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class _VerifyThrottle(AddressThrottle):
    bucket = "verify"

    def get_rate(self):
        return VERIFY_RATE


class VerifyForm(forms.Form):
    """One PDF to check; it is read in memory and never stored."""

    file = forms.FileField(
        label="Contract PDF",
        help_text="The executed contract as you received it (a PDF of at most 20 MB).",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > VERIFY_MAX_BYTES:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; the verifier reads PDFs of at "
                f"most {filesizeformat(VERIFY_MAX_BYTES)}."
            )
        data = upload.read()
        if not data.startswith(PDF_MAGIC):
            raise ValidationError("This file is not a PDF: it does not start with %PDF-.")
        return data


def _verify_form(request) -> VerifyForm:
    """The bound form; a body far past the limit is refused before it is read."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > VERIFY_MAX_BYTES + 64 * 1024:
        form = VerifyForm({}, {})
        form.is_valid()
        limit = filesizeformat(VERIFY_MAX_BYTES)
        message = f"The file is too large: the verifier reads PDFs of at most {limit}."
        form.errors["file"] = form.error_class([message])
        return form
    return VerifyForm(request.POST, request.FILES)


def verify(request):
    """/verify/: anyone checks a PDF's office seal; nothing uploaded is kept (throttled)."""
    form = VerifyForm()
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if limited := throttled(request, _VerifyThrottle):
            return limited
        form = _verify_form(request)
        context["form"] = form
        if form.is_valid():
            verdict, compared = selectors.pdf_verify(form.cleaned_data["file"])
            context.update(verdict=verdict, compared=compared, name=request.FILES["file"].name)
            context["form"] = VerifyForm()
        else:
            status = 400
    return render(request, "contracts/verify.html", context, status=status)
