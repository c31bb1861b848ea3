"""REST API of the accounts app: serializers and viewsets, registered in prodoffice.api.v1."""
