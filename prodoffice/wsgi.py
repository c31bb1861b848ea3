"""WSGI entry point (gunicorn: `prodoffice serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodoffice.settings")
application = get_wsgi_application()
