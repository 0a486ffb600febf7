"""`manage.py load_demo_fair [--year 2027]`: the demo edition of the fair, idempotent."""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from fairportal.demo.builder import build_demo_fair
from fairportal.demo.fair import BASE_YEAR
from fairportal.management.base import FairCommand


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = (
        "Dựng kỳ hội chợ 2024 với doanh nghiệp, gian hàng và chương trình mẫu; --year "
        "chuyển cả kỳ đó sang năm khác và đặt nó là kỳ hiện tại. Chạy lại nhiều lần vẫn an "
        "toàn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            default=BASE_YEAR,
            help="Năm của kỳ hội chợ (mặc định 2024); mọi ngày dời đi cùng một số ngày.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Nạp bản demo cả khi DJANGO_DEBUG tắt (máy chủ trình diễn).",
        )

    def handle(self, *args, year, force=False, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(_("--year phải từ 2000 đến 2100."))
        # On the real fair's database by mistake, the demo would take the home page.
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "load_demo_fair dùng khi phát triển và trình diễn (DJANGO_DEBUG=1): trên "
                    "cơ sở dữ liệu này, nó sẽ thêm các doanh nghiệp mẫu vào danh bạ và đặt "
                    "bản demo là kỳ hội chợ hiện tại. Thêm --force nếu vẫn muốn nạp."
                )
            )
        counts = build_demo_fair(year=year)
        fair = counts.fair
        lines = [
            _("Kỳ hội chợ: %(name)s (%(slug)s), %(starts)s–%(ends)s, kỳ hiện tại")
            % {
                "name": fair.name_vi,
                "slug": fair.slug,
                "starts": f"{fair.starts_on:%d/%m/%Y}",
                "ends": f"{fair.ends_on:%d/%m/%Y}",
            },
            _("Khu công nghiệp: %(n)s") % {"n": counts.zones},
            _("Ngành: %(n)s") % {"n": counts.sectors},
            _(
                "Gian hàng: %(n)s (đã giao %(assigned)s, còn trống %(free)s, Ban tổ chức giữ %(kept)s)"
            )
            % {
                "n": counts.booths,
                "assigned": counts.assigned,
                "free": counts.free,
                "kept": counts.kept,
            },
            _("Doanh nghiệp: %(n)s (mẫu; vẽ %(logos)s logo)")
            % {"n": counts.exhibitors, "logos": counts.logos_drawn},
            _("Sản phẩm: %(n)s") % {"n": counts.products},
            _("Sự kiện bên lề: %(n)s") % {"n": counts.side_events},
            _("Số liệu nổi bật: %(n)s") % {"n": counts.figures},
            _(
                "Hoạt động ghi lúc này: %(applications)s hồ sơ đăng ký gian hàng, "
                "%(registrations)s lượt đăng ký sự kiện, %(meetings)s yêu cầu gặp gỡ B2B "
                "(lần chạy lại không ghi thêm)"
            )
            % counts.activity,
        ]
        self.stdout.write("\n".join(lines))
