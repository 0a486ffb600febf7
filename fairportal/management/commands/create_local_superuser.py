"""For `make run` only: a local superuser with a random password, printed once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from fairportal.management.base import FairCommand


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = (
        "Tạo tài khoản quản trị cục bộ 'admin' với mật khẩu ngẫu nhiên, chỉ khi phát triển "
        "(DJANGO_DEBUG=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help="Tên đăng nhập (mặc định: admin).")
        parser.add_argument(
            "--email", default="admin@localhost.localdomain", help="E-mail của tài khoản."
        )

    def handle(self, *args, username, email, **options):
        if not settings.DEBUG:
            raise CommandError(
                _("create_local_superuser chỉ dùng khi phát triển (DJANGO_DEBUG=1).")
            )
        username = username.strip()
        if not username:
            raise CommandError(_("--username không được để trống."))
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                _(
                    "Tài khoản quản trị “%(username)s” đã có; mật khẩu của nó đã được in khi "
                    "tạo. Đặt mật khẩu mới bằng: .venv/bin/python manage.py changepassword "
                    "%(username)s"
                )
                % {"username": username}
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã tạo tài khoản quản trị cục bộ: %(username)s / %(password)s (chỉ hiện "
                    "một lần; trang quản trị: %(admin)s)"
                )
                % {
                    "username": username,
                    "password": password,
                    "admin": f"{settings.PORTAL_BASE_URL}/admin/",
                }
            )
        )
