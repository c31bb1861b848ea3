"""Sign-in and sign-out."""

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


class LoginView(auth_views.LoginView):
    """Password sign-in; axes throttles failures per username and address."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    """Sign out and drop the session server-side."""
    logout(request)
    return redirect("accounts:login")
