"""Writes with rules on exhibitors: representatives, the company profile, products."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from exhibitors.access import signs_in
from exhibitors.images import reencode_image
from exhibitors.models import Exhibitor, Product
from exhibitors.selectors import product_place
from fairportal.audit import record
from fairportal.cache import public_data_changed
from fairportal.mail import send_on_commit


def invitation_url(user, language: str = "vi") -> str:
    """The one-purpose link where an invited representative sets a password.

    Django's token generator: it expires (PASSWORD_RESET_TIMEOUT) and is spent once
    the password changes.
    """
    with translation.override(language):
        path = reverse(
            "account:welcome",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.PORTAL_BASE_URL + path


@transaction.atomic
def invite_representative(
    *,
    exhibitor: Exhibitor,
    email: str,
    full_name: str = "",
    invited_by=None,
    language: str = "vi",
    notify: bool = True,
):
    """Make `email` a representative of `exhibitor` and tell them by e-mail.

    Side effects: creates the user if needed (unusable password until set), adds it
    to `exhibitor.members`, records `exhibitor.representative_invited`, sends on
    commit (unless `notify` is false) a set-password link, or, to someone who signs
    in already with a password of their own (the representative of another company),
    a note that they now manage this one too, with the sign-in page: a set-password
    link would only replace the password they use.
    """
    user = add_representative(
        exhibitor=exhibitor,
        email=email,
        full_name=full_name,
        invited_by=invited_by,
        language=language,
    )
    if notify:
        tell_representative(exhibitor=exhibitor, user=user, language=language)
    return user


def add_representative(
    *,
    exhibitor: Exhibitor,
    email: str,
    full_name: str = "",
    invited_by=None,
    language: str = "vi",
):
    """`invite_representative` without its mail: the user made or found, made a member,
    the invitation recorded. A caller with its own mail to send first (the booth
    approval) then calls `tell_representative`.

    Someone who has not signed in yet takes `language`, the invitation's, for the
    company's mails until they use the portal; one who signs in keeps their own."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _sep, last = (full_name or "").strip().rpartition(" ")
        user = User(
            username=email[:150],
            email=email,
            first_name=first[:150],
            last_name=last[:150],
            language=language,
        )
        user.set_unusable_password()
        user.save()
    elif not signs_in(user) and user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
    exhibitor.members.add(user)
    record(
        action="exhibitor.representative_invited",
        obj=exhibitor,
        actor=invited_by,
        changes={"email": email, "set_password_link": not signs_in(user)},
    )
    return user


def tell_representative(*, exhibitor: Exhibitor, user, language: str = "vi") -> None:
    """On commit, the mail of `invite_representative`: a set-password link in
    `language`, or the note that someone who signs in already now manages this company
    too, in the language they last used the portal in."""
    if signs_in(user):
        language = user.language
        with translation.override(language):
            company = exhibitor.name  # the subject's placeholder, in the mail's language
        send_on_commit(
            to=[user.email],
            subject=_("Bạn đã được thêm làm đại diện của %(company)s trên cổng Hội chợ KCN Hà Nội"),
            subject_params={"company": company},
            body_template="exhibitors/email/representative_added.txt",
            context={"exhibitor": exhibitor, "user": user, "board_email": settings.BOARD_EMAIL},
            language=language,
            reply_to=[settings.BOARD_EMAIL],
        )
    else:
        send_on_commit(
            to=[user.email],
            subject=_("Mời quản lý hồ sơ doanh nghiệp trên cổng Hội chợ KCN Hà Nội"),
            body_template="exhibitors/email/invitation.txt",
            context={"exhibitor": exhibitor, "user": user, "url": invitation_url(user, language)},
            language=language,
        )


class AccountError(Exception):
    """A representative's request that the rules refuse; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


PROFILE_FIELDS = (
    "description_vi",
    "description_en",
    "website",
    "email",
    "phone",
    "address_vi",
    "address_en",
)
PRODUCT_FIELDS = (
    "name_vi",
    "name_en",
    "description_vi",
    "description_en",
    "is_published",
)


def _store_image(field_file, upload, *, prefix: str, thumb_file) -> list[str]:
    """Re-encode `upload` into `field_file` and its thumbnail; the names written."""
    full, thumb = reencode_image(upload, prefix=prefix)
    field_file.save(full.name, full, save=False)
    thumb_file.save(thumb.name, thumb, save=False)
    return [field_file.name, thumb_file.name]


def _delete_files_on_commit(storage, names) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _delete_files_on_rollback(storage, names) -> None:
    """Files written before a transaction that then failed must not stay behind."""
    for name in names:
        if name:
            storage.delete(name)


def update_exhibitor_profile(
    *, exhibitor: Exhibitor, data: dict, logo=None, remove_logo: bool = False, actor
) -> Exhibitor:
    """Write what a representative may change on their company's profile.

    `data` holds PROFILE_FIELDS and optionally `sectors` (an iterable of Sector);
    `logo` is an uploaded file already checked by `validate_image_upload`;
    `remove_logo` takes the logo away (a new `logo` wins over it).
    Side effects: re-encoded logo and thumbnail stored, or none when removed (the old
    files deleted on commit), search text refreshed, `exhibitor.profile_updated`
    recorded with the changed fields (nothing recorded when nothing changed); the save
    invalidates the cached public pages.
    """
    storage = Exhibitor._meta.get_field("logo").storage
    written: list[str] = []
    try:
        with transaction.atomic():
            exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
            changes = {}
            for name in PROFILE_FIELDS:
                if name in data:
                    old, new = getattr(exhibitor, name) or "", data[name] or ""
                    if old != new:
                        changes[name] = [old, new]
                        setattr(exhibitor, name, new)
            old_logo = [exhibitor.logo.name, exhibitor.logo_thumb.name]
            if logo is not None:
                written = _store_image(
                    exhibitor.logo,
                    logo,
                    prefix=f"logo-{exhibitor.pk}",
                    thumb_file=exhibitor.logo_thumb,
                )
                changes["logo"] = [old_logo[0], exhibitor.logo.name]
            elif remove_logo and any(old_logo):
                exhibitor.logo = exhibitor.logo_thumb = ""
                changes["logo"] = [old_logo[0], ""]
            # Only the fields a representative writes: the board's fields are not theirs to fix.
            exhibitor.clean_fields(
                exclude=[f.name for f in Exhibitor._meta.fields if f.name not in PROFILE_FIELDS]
            )
            exhibitor.save()
            if "sectors" in data:
                old_slugs = sorted(exhibitor.sectors.values_list("slug", flat=True))
                new_sectors = list(data["sectors"])
                new_slugs = sorted(sector.slug for sector in new_sectors)
                if old_slugs != new_slugs:
                    exhibitor.sectors.set(new_sectors)
                    changes["sectors"] = [old_slugs, new_slugs]
            exhibitor.refresh_search_text()
            if changes:
                record(
                    action="exhibitor.profile_updated",
                    obj=exhibitor,
                    actor=actor,
                    changes=changes,
                )
            if "logo" in changes:
                _delete_files_on_commit(storage, old_logo)
    except Exception:
        _delete_files_on_rollback(storage, written)
        raise
    return exhibitor


def _place_product(product: Product, place: int) -> None:
    """Put a saved product at `place` in its company's list (0 first, 1 second…; past
    the end means last) and number them all 0…n-1."""
    others = list(
        Product.objects.select_for_update()
        .filter(exhibitor_id=product.exhibitor_id)
        .exclude(pk=product.pk)
        .order_by("position", "id")
    )
    place = min(place, len(others))
    _number_in_order([*others[:place], product, *others[place:]])


def _number_in_order(products: list[Product]) -> None:
    """Number `products` 0…n-1 in the order given, writing only the changed ones."""
    moved = False
    for position, item in enumerate(products):
        if item.position != position:
            Product.objects.filter(pk=item.pk).update(position=position)
            item.position = position
            moved = True
    if moved:
        # update() sends no signal: the profile lists the products in this order, and
        # its cached page and the rows the fair's index keeps must follow at once.
        public_data_changed()


def _next_position(exhibitor: Exhibitor) -> int:
    last = exhibitor.products.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _product_changes(product: Product, data: dict) -> dict:
    changes = {}
    for name in PRODUCT_FIELDS:
        if name in data:
            old, new = getattr(product, name), data[name]
            if old is None:
                old = ""
            if new is None:
                new = ""
            if old != new:
                changes[name] = [old, new]
                setattr(product, name, new)
    if "sector" in data:
        new_sector = data["sector"]
        if product.sector_id != (new_sector.pk if new_sector else None):
            changes["sector"] = [
                product.sector.slug if product.sector_id else None,
                new_sector.slug if new_sector else None,
            ]
            product.sector = new_sector
    return changes


def create_product(*, exhibitor: Exhibitor, data: dict, image=None, actor) -> Product:
    """Add a product to the representative's company, at the end unless a position is given.

    Side effects: re-encoded image and thumbnail stored, the company's search text
    refreshed (by `Product.save`), `product.created` recorded.
    """
    storage = Product._meta.get_field("image").storage
    written: list[str] = []
    try:
        with transaction.atomic():
            product = Product(exhibitor=exhibitor, position=_next_position(exhibitor))
            _product_changes(product, data)
            if image is not None:
                written = _store_image(
                    product.image,
                    image,
                    prefix=f"product-{exhibitor.pk}",
                    thumb_file=product.image_thumb,
                )
            product.full_clean(exclude=["image", "image_thumb"])
            product.save()
            if data.get("position") is not None:
                _place_product(product, data["position"])
            record(
                action="product.created",
                obj=product,
                actor=actor,
                changes={"exhibitor": exhibitor.pk, "name_vi": product.name_vi},
            )
    except Exception:
        _delete_files_on_rollback(storage, written)
        raise
    return product


def update_product(
    *, product: Product, data: dict, image=None, remove_image: bool = False, actor
) -> Product:
    """Change a product; a new image replaces the old files, `remove_image` takes them
    away (a new `image` wins over it); the old files are deleted on commit.

    Side effects: search text refreshed, `product.updated` recorded with the changes;
    the save invalidates the cached public pages.
    """
    storage = Product._meta.get_field("image").storage
    written: list[str] = []
    try:
        with transaction.atomic():
            product = Product.objects.select_for_update().get(pk=product.pk)
            changes = _product_changes(product, data)
            place = product_place(product)
            if data.get("position") is not None and data["position"] != place:
                changes["position"] = [place, data["position"]]
            old_files = [product.image.name, product.image_thumb.name]
            if image is not None:
                written = _store_image(
                    product.image,
                    image,
                    prefix=f"product-{product.exhibitor_id}",
                    thumb_file=product.image_thumb,
                )
                changes["image"] = [old_files[0], product.image.name]
            elif remove_image and any(old_files):
                product.image = product.image_thumb = ""
                changes["image"] = [old_files[0], ""]
            product.full_clean(exclude=["image", "image_thumb"])
            product.save()
            if "position" in changes:
                _place_product(product, changes["position"][1])
            if changes:
                record(action="product.updated", obj=product, actor=actor, changes=changes)
            if "image" in changes:
                _delete_files_on_commit(storage, old_files)
    except Exception:
        _delete_files_on_rollback(storage, written)
        raise
    return product


@transaction.atomic
def delete_product(*, product: Product, actor) -> None:
    """Remove a product. Side effects: `product.deleted` recorded, its image files
    deleted on commit, the company's search text refreshed (post_delete signal)."""
    storage = Product._meta.get_field("image").storage
    record(
        action="product.deleted",
        obj=product,
        actor=actor,
        changes={"exhibitor": product.exhibitor_id, "name_vi": product.name_vi},
    )
    files = [product.image.name, product.image_thumb.name]
    product.delete()
    _delete_files_on_commit(storage, files)


@transaction.atomic
def move_product(*, product: Product, direction: str, actor) -> None:
    """Swap a product with its neighbour above ("up") or below ("down").

    Positions of the company's products are renumbered 0…n-1 on the way, so equal
    positions (new lists, board imports) become a clear order. Side effect:
    `product.moved` recorded; nothing when the product is already at that end.
    """
    if direction not in {"up", "down"}:
        raise AccountError(_("Hướng di chuyển không hợp lệ."))
    products = list(
        Product.objects.select_for_update()
        .filter(exhibitor_id=product.exhibitor_id)
        .order_by("position", "id")
    )
    index = next(i for i, item in enumerate(products) if item.pk == product.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(products):
        return
    products[index], products[other] = products[other], products[index]
    _number_in_order(products)
    record(
        action="product.moved",
        obj=product,
        actor=actor,
        changes={"direction": direction, "position": [index, other]},
    )


@transaction.atomic
def remove_representative(*, exhibitor: Exhibitor, user, actor) -> None:
    """Take `user` off the company's representatives.

    Refuses to remove the last representative (the company would be left with
    nobody to keep it). Side effect: `exhibitor.representative_removed` recorded.
    """
    exhibitor = Exhibitor.objects.select_for_update().get(pk=exhibitor.pk)
    members = exhibitor.members.all()
    if not members.filter(pk=user.pk).exists():
        raise AccountError(_("Người này không còn là đại diện của doanh nghiệp."))
    if members.count() <= 1:
        raise AccountError(_("Không thể xoá đại diện cuối cùng. Hãy mời một người khác trước."))
    exhibitor.members.remove(user)
    record(
        action="exhibitor.representative_removed",
        obj=exhibitor,
        actor=actor,
        changes={"email": user.email},
    )
