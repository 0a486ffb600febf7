"""The portal's own models: its users, the shared time stamps and the audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeStamped(models.Model):
    """`created_at`/`updated_at` on every model: pages derive Last-Modified from them."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Language(models.TextChoices):
    """The language a visitor or an applicant is written to in, named in the reader's
    language (the admin's). `settings.LANGUAGES` names each language in its own words
    instead, for the language links."""

    VI = "vi", pgettext_lazy("language name", "Tiếng Việt")
    EN = "en", pgettext_lazy("language name", "Tiếng Anh")


def language_field(verbose_name=None, **kwargs) -> models.CharField:
    """The language someone is written to in (`Language`), Vietnamese unless known."""
    return models.CharField(
        verbose_name or _("ngôn ngữ"),
        max_length=5,
        choices=Language.choices,
        default=Language.VI,
        **kwargs,
    )


class _LinkRows(models.Manager):
    """The rows of a many-to-many table with both sides they link, in one query."""

    def __init__(self, sides):
        super().__init__()
        self.sides = sides

    def get_queryset(self):
        return super().get_queryset().select_related(*self.sides)


def name_links(field, verbose_name, verbose_name_plural) -> None:
    """Name the rows Django keeps behind the many-to-many `field` (`SideEvent.hosts`).

    Django names its table in English from the model names ("Sideevent-exhibitor
    relationships"), whatever the admin's language, and each row "SideEvent_hosts
    object (1)"; the admin's delete pages list both. Here a row reads as the two
    things it links, in the admin's language ("Hội thảo … — Canon Việt Nam"), and the
    table's base manager (the one deletion collects rows with) reads both sides with
    the rows, so the delete page costs no query per row. Called from each app's
    `ready()`, once the models are loaded; such a table has no migration state, so
    none of this needs a migration.
    """
    through = field.through
    options = through._meta
    options.verbose_name = verbose_name
    options.verbose_name_plural = verbose_name_plural
    sides = (field.field.m2m_field_name(), field.field.m2m_reverse_field_name())
    through.__str__ = lambda row: f"{getattr(row, sides[0])} — {getattr(row, sides[1])}"
    options.base_manager_name = "link_rows"
    _LinkRows(sides).contribute_to_class(through, "link_rows")  # resets the cached managers


class PortalUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who signs in: a board officer or an exhibitor's representative."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = language_field(
        _("ngôn ngữ e-mail"),
        help_text=_(
            "Ngôn ngữ người này dùng cổng lần gần nhất (hoặc của lời mời): e-mail gửi "
            "người đại diện viết bằng ngôn ngữ này."
        ),
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("plural", "người dùng")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("Đã có người dùng với e-mail này."),
            ),
        ]

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """Who did what to which object, and when: one row per state change."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_label = models.CharField(
        _("nhãn người thực hiện"),
        max_length=200,
        blank=True,
        help_text=_("E-mail của khách khi không có tài khoản, hoặc tên lệnh hệ thống."),
    )
    action = models.CharField(_("hành động"), max_length=80, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("loại đối tượng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        from fairportal.audit import action_label

        when = timezone.localtime(self.created_at)
        return f"{when:%d/%m/%Y %H:%M} {action_label(self.action)} {self.object_repr}"
