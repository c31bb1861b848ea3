"""REST API of the productions app: serializers and viewsets, registered in prodoffice.api.v1."""
