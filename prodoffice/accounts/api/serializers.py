"""Accounts: the token exchange, the signed-in user, production memberships."""

from __future__ import annotations

from rest_framework import serializers

from prodoffice.accounts.models import Membership, User


class TokenRequestSerializer(serializers.Serializer):
    """Credentials, and the current TOTP code for accounts that need a second factor."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=12, required=False, allow_blank=True, help_text="TOTP code (office staff)."
    )


class TokenSerializer(serializers.Serializer):
    """An API token: send it as `Authorization: Bearer <token>`."""

    token = serializers.CharField(read_only=True)


class UserRefSerializer(serializers.ModelSerializer):
    """A user by username and name."""

    name = serializers.CharField(source="*", read_only=True)  # str(obj), no inspect per row

    class Meta:
        model = User
        fields = ("username", "name")
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer):
    """A user's role in a production."""

    production = serializers.SlugRelatedField(slug_field="code", read_only=True)
    production_title = serializers.CharField(source="production.title", read_only=True)
    user = UserRefSerializer(read_only=True)
    department = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = (
            "id",
            "production",
            "production_title",
            "user",
            "role",
            "department",
            "can_countersign",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    """The signed-in user, their directory entry and their memberships."""

    person = serializers.SerializerMethodField()
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ("id", "username", "first_name", "last_name", "email", "person", "memberships")
        read_only_fields = fields

    def get_person(self, user) -> str | None:
        person = getattr(user, "person", None)
        return str(person.public_id) if person else None
