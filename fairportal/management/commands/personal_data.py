"""`manage.py personal_data export|erase <email>`: a person's data request from the shell."""

import json

from django.core.management.base import BaseCommand, CommandError

from fairportal import personal_data


class Command(BaseCommand):
    help = "Xuất (JSON) hoặc xoá mọi dữ liệu cá nhân gắn với một địa chỉ e-mail."

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Xác nhận xoá (bắt buộc với erase).")

    def handle(self, *args, operation, email, yes, **options):
        if "@" not in email:
            raise CommandError("Địa chỉ e-mail không hợp lệ.")
        if operation == "export":
            data = personal_data.export(email=email, actor=None)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        found = personal_data.counts(personal_data.collect(email))
        if not yes:
            raise CommandError(
                f"Sẽ xoá/ẩn danh: {json.dumps(found, ensure_ascii=False)}. "
                "Chạy lại với --yes để xác nhận."
            )
        done = personal_data.erase(email=email, actor=None)
        self.stdout.write(json.dumps(done, ensure_ascii=False))
