"""`manage.py personal_data export|erase <email>`: a person's data request from the shell."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from fairportal import personal_data
from fairportal.management.base import FairCommand


class Command(FairCommand):
    # Vietnamese as the other commands' help (argparse takes no lazy text).
    help = "Xuất (JSON) hoặc xoá mọi dữ liệu cá nhân gắn với một địa chỉ e-mail."

    def add_arguments(self, parser):
        parser.add_argument(
            "operation",
            choices=["export", "erase"],
            help="export: in dữ liệu ra dạng JSON; erase: xoá dữ liệu (cần --yes).",
        )
        parser.add_argument("email", help="Địa chỉ e-mail của người yêu cầu.")
        parser.add_argument("--yes", action="store_true", help="Xác nhận xoá (bắt buộc với erase).")

    def handle(self, *args, operation, email, yes, **options):
        email = personal_data.normalise(email)
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                _("“%(email)s” không phải một địa chỉ e-mail.") % {"email": email}
            ) from None
        if operation == "export":
            data = personal_data.export(email=email, actor=None)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        found = personal_data.held(email)
        if not any(found.values()):
            self.stdout.write(_("Không có dữ liệu nào gắn với %(email)s.") % {"email": email})
            return
        if not yes:
            raise CommandError(
                _(
                    "Sẽ xoá dữ liệu gắn với %(email)s: %(registrations)s đăng ký sự kiện và "
                    "%(meetings)s yêu cầu gặp gỡ bị huỷ rồi xoá, %(applications)s hồ sơ gian "
                    "hàng được ẩn danh, %(users)s tài khoản bị khoá, %(audit)s mục nhật ký thao "
                    "tác được xoá địa chỉ. Việc này không hoàn tác được: chạy lại với --yes để "
                    "xác nhận."
                )
                % {
                    "email": email,
                    "registrations": found["registrations"],
                    "meetings": found["meeting_requests"],
                    "applications": found["booth_applications"],
                    "users": found["user_accounts"],
                    "audit": found["audit_entries"],
                }
            )
        done = personal_data.erase(email=email, actor=None)
        self.stdout.write(personal_data.erased_message(done))
