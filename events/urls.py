from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.ProgrammeView.as_view(), name="list"),
    path("events/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path(
        "events/registrations/<str:token>/",
        views.RegistrationView.as_view(),
        name="registration",
    ),
    path("events/meetings/<str:token>/", views.MeetingView.as_view(), name="meeting"),
    path("events/meetings/<str:token>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path(
        "events/<slug:slug>/registration-link/",
        views.RegistrationLinkView.as_view(),
        name="registration_link",
    ),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("exhibitors/<slug:slug>/meet/", views.MeetView.as_view(), name="meet"),
    path("exhibitors/<slug:slug>/meet/link/", views.MeetingLinkView.as_view(), name="meeting_link"),
    path("account/meetings/", views.AccountMeetingsView.as_view(), name="account_meetings"),
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("plan/toggle/", views.plan_toggle, name="plan_toggle"),
    path("plan/starred.json", views.plan_starred, name="plan_starred"),
    path("plan/plan.ics", views.plan_ics, name="plan_ics"),
]
