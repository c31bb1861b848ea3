"""REST API of the people app: serializers and viewsets, registered in prodoffice.api.v1."""
