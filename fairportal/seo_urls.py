"""sitemap.xml and robots.txt (not language-prefixed)."""

urlpatterns = []
