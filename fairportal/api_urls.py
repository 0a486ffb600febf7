"""The REST API under /api/ (v1, schema, docs)."""

urlpatterns = []
