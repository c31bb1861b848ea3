"""REST API of the audit app: serializers and viewsets, registered in prodoffice.api.v1."""
