"""Recompute the search texts and name_sort of every exhibitor and product (after bulk writes)."""

from django.db import transaction
from django.utils.translation import gettext as _

from exhibitors.models import Exhibitor, Product
from fairportal.cache import public_data_changed
from fairportal.management.base import FairCommand
from fairportal.text import sort_key

FIELDS = ["search_text", "search_text_en", "name_sort"]


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = "Tính lại văn bản tìm kiếm và khóa sắp xếp tên của doanh nghiệp và sản phẩm."

    def handle(self, *args, **options):
        with transaction.atomic():
            products = list(Product.objects.select_related("exhibitor", "sector"))
            for product in products:
                product.search_text, product.search_text_en = product.build_search_texts()
                product.name_sort = sort_key(product.name_vi or product.name)
            Product.objects.bulk_update(products, FIELDS, batch_size=500)

            exhibitors = list(Exhibitor.objects.select_related("zone").prefetch_related("sectors"))
            for exhibitor in exhibitors:
                exhibitor.search_text, exhibitor.search_text_en = exhibitor.build_search_texts()
                exhibitor.name_sort = sort_key(exhibitor.name_vi or exhibitor.name)
            Exhibitor.objects.bulk_update(exhibitors, FIELDS, batch_size=500)
            # bulk_update sends no signal: the pages, and the orders the directory's index
            # keeps, are built again on the new name keys.
            public_data_changed()
        self.stdout.write(
            _(
                "Đã tính lại văn bản tìm kiếm của %(exhibitors)s doanh nghiệp và %(products)s sản phẩm."
            )
            % {"exhibitors": len(exhibitors), "products": len(products)}
        )
