"""Shared serializer pieces: run the model's own full_clean so the API and the forms refuse the same data."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


class ModelCleanSerializer(serializers.ModelSerializer):
    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance or self.Meta.model()
        for key, value in attrs.items():
            setattr(instance, key, value)
        request = self.context.get("request")
        if getattr(instance, "agency_id", "missing") is None and request is not None:
            instance.agency = request.user.agency
        try:
            instance.full_clean(exclude=self.clean_exclude())
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None
        return attrs

    def clean_exclude(self) -> list[str]:
        return []
