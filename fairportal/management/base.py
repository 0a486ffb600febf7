"""The base of the fair's management commands: argparse's own words in the command's
language.

argparse writes its usage errors (a missing argument, an unknown option, an invalid
choice) and its help headings through `gettext`'s global "messages" domain, in
English, while every other message of these commands is Vietnamese. `FairCommand`
gives its parser those words from the project's catalogue: Vietnamese in source
(below), English from locale/en, following the active language as the commands'
other messages do (`translation.override("en")` for an English operator).
"""

import argparse
import errno
import json
import os
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# argparse's messages (Python 3.11 to 3.13) that a board member can meet, by their
# English text; anything else stays as argparse says it.
ARGPARSE_MESSAGES = {
    "usage: ": gettext_lazy("cách dùng: "),
    "positional arguments": gettext_lazy("đối số theo vị trí"),
    "options": gettext_lazy("tuỳ chọn"),
    "show this help message and exit": gettext_lazy("In hướng dẫn này rồi thoát."),
    "%(prog)s: error: %(message)s\n": gettext_lazy("%(prog)s: lỗi: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": gettext_lazy(
        "đối số %(argument_name)s: %(message)s"
    ),
    "the following arguments are required: %s": gettext_lazy("thiếu đối số bắt buộc: %s"),
    "unrecognized arguments: %s": gettext_lazy("lệnh không nhận các đối số: %s"),
    "one of the arguments %s is required": gettext_lazy("cần một trong các đối số %s"),
    "not allowed with argument %s": gettext_lazy("không dùng được cùng đối số %s"),
    "ignored explicit argument %r": gettext_lazy("tuỳ chọn này không nhận giá trị %r"),
    "expected one argument": gettext_lazy("cần một giá trị"),
    "expected at most one argument": gettext_lazy("cần nhiều nhất một giá trị"),
    "expected at least one argument": gettext_lazy("cần ít nhất một giá trị"),
    "ambiguous option: %(option)s could match %(matches)s": gettext_lazy(
        "tuỳ chọn chưa rõ: %(option)s có thể là %(matches)s"
    ),
    "unexpected option string: %s": gettext_lazy("tuỳ chọn không mong đợi: %s"),
    "invalid %(type)s value: %(value)r": gettext_lazy(
        "giá trị %(value)r không hợp lệ (cần kiểu %(type)s)"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": gettext_lazy(
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": gettext_lazy("không mở được “%(filename)s”: %(error)s"),
}

# Django's own options, whose help it writes in English.
BASE_OPTION_HELP = {
    "--version": gettext_lazy("In số phiên bản rồi thoát."),
    "--verbosity": gettext_lazy(
        "Mức chi tiết của thông báo: 0 tối thiểu, 1 bình thường, 2 chi tiết, 3 rất chi tiết."
    ),
    "--settings": gettext_lazy(
        "Đường dẫn Python tới mô-đun cấu hình, ví dụ “fairportal.settings”; không có thì "
        "dùng biến môi trường DJANGO_SETTINGS_MODULE."
    ),
    "--pythonpath": gettext_lazy("Thư mục thêm vào đường dẫn Python, ví dụ “/srv/hoi-cho”."),
    "--traceback": gettext_lazy("In toàn bộ vết lỗi (traceback) khi lệnh báo lỗi."),
    "--no-color": gettext_lazy("Không tô màu thông báo của lệnh."),
    "--force-color": gettext_lazy("Luôn tô màu thông báo của lệnh."),
    "--skip-checks": gettext_lazy("Bỏ qua bước kiểm tra hệ thống."),
}


# The types of the commands' options, in words, for a value that is not of that type
# (argparse would name the Python type: "int").
TYPE_NEEDED = {
    int: gettext_lazy("giá trị %(value)r không hợp lệ (cần một số nguyên)"),
    float: gettext_lazy("giá trị %(value)r không hợp lệ (cần một số)"),
}


def file_problem(error: Exception) -> str:
    """What went wrong with a file a command reads or writes, in the command's language:
    Python's own words ("[Errno 2] No such file or directory: …", "'utf-8' codec can't
    decode byte 0xff…") are English inside a Vietnamese sentence."""
    if isinstance(error, FileNotFoundError):
        return _("không có tệp hoặc thư mục này")
    if isinstance(error, IsADirectoryError):
        return _("đây là một thư mục, không phải một tệp")
    if isinstance(error, NotADirectoryError):
        in_the_way = _file_in_the_way(error.filename)
        if in_the_way is None:
            return _("một phần của đường dẫn là tệp, không phải thư mục")
        return _("%(file)s là một tệp, không phải thư mục") % {"file": in_the_way}
    if isinstance(error, FileExistsError):
        return _("đã có một tệp cùng tên")
    if isinstance(error, PermissionError):
        return _("không có quyền với tệp này")
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return _("ổ đĩa đã đầy")
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return _("ổ đĩa chỉ cho đọc, không cho ghi")
    if isinstance(error, UnicodeDecodeError):
        return _("tệp không phải văn bản UTF-8")
    if isinstance(error, json.JSONDecodeError):
        return _(
            "nội dung không phải JSON hợp lệ (dòng %(line)s, cột %(column)s): tệp bị cắt "
            "ngang hoặc bị sửa tay?"
        ) % {"line": error.lineno, "column": error.colno}
    if isinstance(error, OSError) and error.errno in errno.errorcode:
        # Python's words for the rarer ones are English: the code, which an
        # administrator looks up, in a sentence of the command's language.
        return _("hệ điều hành báo lỗi %(code)s") % {"code": errno.errorcode[error.errno]}
    return str(error)


def _file_in_the_way(path) -> Path | None:
    """The file standing where `path` needs a folder ("Not a directory"), if any."""
    if not path:
        return None
    for folder in Path(os.fsdecode(path)).parents:
        if folder.exists():
            return None if folder.is_dir() else folder
    return None


def _argparse_gettext(message):
    said = ARGPARSE_MESSAGES.get(message)
    return message if said is None else str(said)


def _argparse_ngettext(singular, plural, number):
    if singular == "expected %s argument":
        return ngettext("cần %s giá trị", "cần %s giá trị", number)
    return singular if number == 1 else plural


@contextmanager
def _argparse_in_the_active_language():
    # argparse reads its module's `_` and `ngettext` when it speaks; nothing else in a
    # command's process parses arguments meanwhile, and the previous ones come back.
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _argparse_gettext, _argparse_ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class FairCommandParser(CommandParser):
    def parse_args(self, args=None, namespace=None):
        with _argparse_in_the_active_language():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _argparse_in_the_active_language():
            return super().parse_known_args(args, namespace)

    def format_usage(self):
        with _argparse_in_the_active_language():
            return super().format_usage()

    def format_help(self):
        with _argparse_in_the_active_language():
            return super().format_help()

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            needed = TYPE_NEEDED.get(action.type)
            if needed is None:
                raise
            raise argparse.ArgumentError(action, str(needed) % {"value": arg_string}) from None

    def error(self, message):
        if self.called_from_command_line:
            with _argparse_in_the_active_language():
                super().error(message)
        raise CommandError(_("Lỗi: %(message)s") % {"message": message})


class FairCommand(BaseCommand):
    """A management command whose usage errors and help headings follow the active
    language (Vietnamese unless the operator overrides it), as its own messages do."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        with _argparse_in_the_active_language():
            parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds its own CommandParser; this one only adds the language.
        parser.__class__ = FairCommandParser
        # call_command gives no program name: "manage.py export_fair" would become
        # " export_fair", and the usage line "cách dùng:  export_fair".
        parser.prog = parser.prog.strip()
        for action in parser._actions:
            for option in action.option_strings:
                if option in BASE_OPTION_HELP:
                    action.help = str(BASE_OPTION_HELP[option])
        return parser
