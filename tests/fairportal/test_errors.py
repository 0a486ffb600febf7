import pytest
from django.test import Client
from django.urls import path

from fairportal.urls import urlpatterns as portal_urls

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [*portal_urls, path("boom/", broken_view)]
handler404 = "fairportal.views.page_not_found"
handler500 = "fairportal.views.server_error"


def test_404_is_friendly_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert '<html lang="vi">' in response.text
    assert "<h1" in response.text and "Không tìm thấy trang" in response.text
    assert 'action="/exhibitors/"' in response.text
    assert 'href="/en/khong-co-trang-nay/"' in response.text


def test_404_of_a_missing_page_keeps_its_words_and_hides_the_views_message(client):
    response = client.get("/exhibitors/khong-co-doanh-nghiep-nay/")

    assert response.status_code == 404
    assert '<h1 id="error-title">Không tìm thấy trang</h1>' in response.text
    assert "doanh nghiệp đó có thể chưa công khai hồ sơ." in response.text
    assert "No published exhibitor" not in response.text
    assert "Liên kết không còn dùng được" not in response.text


def test_404_in_english_keeps_english_page_language(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="en">' in response.text
    assert 'action="/en/exhibitors/"' in response.text


def test_403_for_a_board_member_without_the_right_is_in_the_admins_language(client, viewer):
    client.force_login(viewer)

    vi = client.get("/admin/fairportal/user/")
    en = client.get("/en/admin/fairportal/user/")

    assert vi.status_code == en.status_code == 403
    assert '<html lang="vi">' in vi.text and "Không có quyền truy cập" in vi.text
    assert 'href="/admin/"' in vi.text  # back to what they may see
    assert '<html lang="en">' in en.text and "<h1" in en.text
    assert "Không có quyền" not in en.text


def test_form_sent_without_its_token_says_why_and_leads_back(fair_on):
    fair_on(10)
    browser = Client(enforce_csrf_checks=True)  # a browser that blocks cookies

    vi = browser.post("/booths/apply/", {"trading_name_vi": "Cơ khí Đông Anh"})
    en = browser.post("/en/booths/apply/", {"trading_name_vi": "Cơ khí Đông Anh"})

    assert vi.status_code == en.status_code == 403
    assert '<html lang="vi">' in vi.text and "Biểu mẫu chưa gửi được" in vi.text
    assert "Chưa có gì được lưu." in vi.text
    assert 'href="/booths/apply/"' in vi.text
    assert '<html lang="en">' in en.text and 'href="/en/booths/apply/"' in en.text
    assert "CSRF" not in vi.text + en.text


def test_form_without_its_token_on_a_post_only_page_leads_home_not_to_a_dead_link(fair_on, client):
    fair_on(10)
    browser = Client(enforce_csrf_checks=True)

    logout = browser.post("/account/logout/")
    with_query = browser.post("/booths/apply/?booth=A01", {})

    assert logout.status_code == 403 and "Biểu mẫu chưa gửi được" in logout.text
    assert 'href="/account/logout/"' not in logout.text and 'href="/"' in logout.text
    assert 'href="/booths/apply/?booth=A01"' in with_query.text
    admin_logout = browser.post("/admin/logout/")
    assert admin_logout.status_code == 403 and 'href="/admin/logout/"' not in admin_logout.text


def test_500_is_friendly_in_both_languages_without_database(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    text = response.content.decode()
    assert '<html lang="vi">' in text and "Xin lỗi, đã có lỗi xảy ra" in text
    assert '<section lang="en"' in text and "Sorry, something went wrong" in text
    assert "/static/css/site.css" in text


def test_404_language_switch_points_to_the_other_language(client):
    en = client.get("/en/no-such-page/?q=1")

    assert 'href="/no-such-page/?q=1" hreflang="vi"' in en.text


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_400_for_a_host_the_portal_does_not_serve_is_friendly_in_both_languages(path, settings):
    settings.ALLOWED_HOSTS = ["hoicho-kcn.example.vn"]

    response = Client().get(path, HTTP_HOST="other.example")

    assert response.status_code == 400
    text = response.content.decode()
    assert '<html lang="vi">' in text and "Yêu cầu không hợp lệ" in text
    assert '<section lang="en"' in text and "The request could not be understood" in text
    assert "/static/css/site.css" in text
