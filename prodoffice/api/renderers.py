"""Renderers beyond JSON that the API's endpoints share."""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer


class PdfRenderer(BaseRenderer):
    """Lets `Accept: application/pdf` through content negotiation; the view returns the bytes."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
