"""Content negotiation of the REST API, in a module of its own: DRF reads its name from
settings while `rest_framework.views` is imported, before `fairportal.api` could be."""

from rest_framework.negotiation import DefaultContentNegotiation


class JSONOnlyNegotiation(DefaultContentNegotiation):
    """The API speaks JSON only, so it answers JSON whatever `Accept` asks (HTTP lets a
    server send its one representation): `Accept: text/html` was a 406 that the schema
    does not list, and only when the answer was not in the page cache, which ignores
    `Accept`. The schema and docs views keep DRF's negotiation (`?format=json`)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
