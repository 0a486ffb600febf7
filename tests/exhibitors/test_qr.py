import io

import pytest
import zxingcpp
from PIL import Image

pytestmark = pytest.mark.django_db


def test_qr_png_decodes_to_the_profile_absolute_url(client, fair, canon):
    response = client.get("/exhibitors/canon-viet-nam/qr.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == ["https://hoicho.example.vn/exhibitors/canon-viet-nam/"]


def test_qr_png_is_the_same_from_english_page(client, fair, canon):
    response = client.get("/en/exhibitors/canon-viet-nam/qr.png")

    image = Image.open(io.BytesIO(response.content))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == ["https://hoicho.example.vn/en/exhibitors/canon-viet-nam/"]


def test_qr_svg_on_profile_has_an_accessible_title_and_no_style(client, fair, canon):
    response = client.get("/exhibitors/canon-viet-nam/")

    svg = response.text.split('<svg role="img"', 1)[1].split("</svg>", 1)[0]
    assert "<title>Mã QR trang của Canon Việt Nam</title>" in svg
    assert "style=" not in svg
