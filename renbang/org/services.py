"""Writes on the agency itself: first-run setup (web page and `manage.py setup_agency`) and the profile page."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.core import uploads

from .models import LOGO_MAX_BYTES, LOGO_MAX_SIDE, LOGO_TYPES, Agency

PROFILE_FIELDS = ("code", "name", "region", "hr_agency_name", "head_title", "head_name", "address", "current_year")
AGENCY_EXISTS_KEY = "renbang:org:agency-exists"


@dataclass(frozen=True)
class Logo:
    """A checked logo: its bytes and the MIME type read from them."""

    data: bytes
    mime: str


def logo_checked(upload) -> Logo:
    """A PNG or JPEG of at most 1 MB and 2000 px a side, read from its content; else a ValidationError."""
    data, mime = uploads.read_checked(upload, limit=LOGO_MAX_BYTES, allowed=LOGO_TYPES)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Gambar logo rusak atau tidak dapat dibaca."), code="bad_image") from None
    if max(width, height) > LOGO_MAX_SIDE:
        raise ValidationError(_("Gambar logo terlalu besar (%(w)d × %(h)d piksel); batasnya %(max)d piksel per sisi.")
                              % {"w": width, "h": height, "max": LOGO_MAX_SIDE}, code="too_large_image")
    return Logo(data, mime)


def agency_exists() -> bool:
    """Whether setup has been done. Cached once true (an agency is never deleted: PROTECT everywhere), so the
    first-run middleware costs no query once an agency exists."""
    if cache.get(AGENCY_EXISTS_KEY):
        return True
    exists = Agency.objects.exists()
    if exists:
        cache.set(AGENCY_EXISTS_KEY, True, None)
    return exists


@transaction.atomic
def agency_save(*, agency: Agency | None = None, logo: Logo | None = None, remove_logo: bool = False,
                **fields) -> Agency:
    """Create (agency=None) or update an agency's profile. Only PROFILE_FIELDS are taken from `fields`."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown agency fields: {sorted(unknown)}")
    agency = agency or Agency()
    for name, value in fields.items():
        setattr(agency, name, value)
    agency.full_clean(exclude=["logo"])
    old_logo = agency.logo.name if agency.logo else ""
    if logo is not None:
        uploads.store(agency.logo, logo.data, logo.mime, LOGO_TYPES)
    elif remove_logo:
        agency.logo = ""
    agency.save()
    if old_logo and old_logo != (agency.logo.name or ""):
        transaction.on_commit(lambda: agency.logo.storage.delete(old_logo))
    transaction.on_commit(lambda: cache.set(AGENCY_EXISTS_KEY, True, None))
    return agency


@transaction.atomic
def admin_create(*, agency: Agency, username: str, email: str, password: str | None = None,
                 first_name: str = "", last_name: str = ""):
    """The first BKPSDM admin of an agency (role bkpsdm_admin). Without a password the account has none usable
    (the admin sets one through "forgot password" or activation). The project's password rules apply."""
    from renbang.accounts.models import Role

    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Nama pengguna %(name)s sudah dipakai.") % {"name": username}})
    user = user_model(username=username, email=email, first_name=first_name, last_name=last_name,
                      agency=agency, role=Role.BKPSDM_ADMIN, is_active=True)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def superusers_link(agency: Agency) -> int:
    """Link every superuser without an agency to this one (they installed it): their pages then work."""
    return get_user_model().objects.filter(is_superuser=True, agency__isnull=True).update(agency=agency)
