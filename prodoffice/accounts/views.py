"""Sign-in, sign-out and TOTP two-factor (enrol and verify)."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from prodoffice.accounts import services
from prodoffice.accounts.forms import TokenForm
from prodoffice.core.views import run_service

_ENROL_KEY = "prodoffice_totp_enrol_key"


class LoginView(auth_views.LoginView):
    """Password sign-in; axes throttles failures per username and address."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    """Sign out and drop the session server-side."""
    logout(request)
    return redirect("accounts:login")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code (drawn here, nothing fetched)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


@login_required
def two_factor(request):
    """Verify with a confirmed device, or enrol one (QR code and secret, confirmed by a code)."""
    confirmed = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if confirmed is not None:
        return _verify(request, confirmed)
    return _enrol(request)


def _verify(request, device: TOTPDevice):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token", "That code is not valid now. Check your device's clock and try again."
        )
    context = {"form": form, "next": _next_url(request), "verified": request.user.is_verified()}
    return render(request, "accounts/two_factor_verify.html", context)


def _enrol(request):
    # The secret waits in the session until a code proves the app has it: GET writes nothing.
    key = request.session.get(_ENROL_KEY) or random_hex(20)
    request.session[_ENROL_KEY] = key
    device = TOTPDevice(user=request.user, key=key, name=services.TOTP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        confirmed = run_service(
            form,
            lambda: services.totp_confirm(
                actor=request.user, user=request.user, key=key, token=token
            ),
        )
        if confirmed:
            del request.session[_ENROL_KEY]
            otp_login(request, confirmed)
            messages.success(request, "Two-factor sign-in is on: you'll enter a code at sign-in.")
            return redirect(_next_url(request))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {"form": form, "qr": mark_safe(_qr_svg(device)), "secret": secret}
    context["next"] = _next_url(request)
    return render(request, "accounts/two_factor_enrol.html", context)
