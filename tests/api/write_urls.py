"""A URLconf for the tests of `PublicCreateView`, the base of the mobile app's writes.

The real writes (seminar registration, meeting request) call services of
`events.services`; this stand-in keeps a list, so the base's behaviour (JSON shape,
409 on a domain error, rate limits) is tested on its own.
"""

from django.urls import path
from rest_framework import serializers

from fairportal.api import PublicCreateView

signed_up = []


class EventFull(Exception):
    pass


class SignUpSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    email = serializers.EmailField()
    seats = serializers.IntegerField(min_value=1, max_value=4, default=1)


class SignUpView(PublicCreateView):
    serializer_class = SignUpSerializer
    result_serializer_class = SignUpSerializer
    domain_errors = (EventFull,)

    def perform_write(self, data):
        if data["name"] == "Full":
            raise EventFull("Sự kiện đã hết chỗ.")
        signed_up.append(data)
        return data


urlpatterns = [path("api/test/sign-up/", SignUpView.as_view())]
