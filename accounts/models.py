from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    POLICE = "police", _("Police")
    COUNTY_BOARD = "county_board", _("County administrative board")
    OTHER = "other", _("Other organisation")


class User(AbstractUser):
    """A person who signs in with their e-mail address; the profile fields describe where they work."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)

    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("municipality served"),
    )
    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("county"),
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=[("sv", "Svenska"), ("en", "English")], default="sv"
    )
    hide_name_on_certificates = models.BooleanField(_("hide my name on the public certificate check"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def profile_is_complete(self) -> bool:
        if not self.organisation_type:
            return False
        if self.organisation_type in (OrganisationType.MUNICIPALITY, OrganisationType.POLICE):
            return self.municipality_id is not None
        if self.organisation_type == OrganisationType.COUNTY_BOARD:
            return self.county_id is not None
        return True


class ScopeKind(models.TextChoices):
    NATIONAL = "national", _("All of Sweden")
    POLICE_REGION = "police_region", _("A police region")
    COUNTY = "county", _("A county")
    MUNICIPALITY = "municipality", _("A municipality")


class AdministratorScope(models.Model):
    """Which learners a course administrator may see: all of Sweden, or those whose profile lies in one
    police region, county or municipality. No row means no learner data at all (`accounts.scope`)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="admin_scope", verbose_name=_("administrator")
    )
    kind = models.CharField(_("scope"), max_length=20, choices=ScopeKind.choices)
    police_region = models.ForeignKey(
        "organisations.PoliceRegion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("police region"),
    )
    county = models.ForeignKey(
        "organisations.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("administrator scope")
        verbose_name_plural = _("administrator scopes")
        constraints = [
            # Exactly the area the kind names is set, so a scope is never ambiguous.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=ScopeKind.NATIONAL,
                        police_region__isnull=True,
                        county__isnull=True,
                        municipality__isnull=True,
                    )
                    | models.Q(
                        kind=ScopeKind.POLICE_REGION,
                        police_region__isnull=False,
                        county__isnull=True,
                        municipality__isnull=True,
                    )
                    | models.Q(
                        kind=ScopeKind.COUNTY,
                        police_region__isnull=True,
                        county__isnull=False,
                        municipality__isnull=True,
                    )
                    | models.Q(
                        kind=ScopeKind.MUNICIPALITY,
                        police_region__isnull=True,
                        county__isnull=True,
                        municipality__isnull=False,
                    )
                ),
                name="accounts_administratorscope_area_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.area_label}"

    @property
    def area(self):
        return {
            ScopeKind.POLICE_REGION: self.police_region,
            ScopeKind.COUNTY: self.county,
            ScopeKind.MUNICIPALITY: self.municipality,
        }.get(self.kind)

    @property
    def area_label(self) -> str:
        area = self.area
        return str(self.get_kind_display()) if area is None else str(area)

    def clean(self):
        required = {
            ScopeKind.POLICE_REGION: "police_region",
            ScopeKind.COUNTY: "county",
            ScopeKind.MUNICIPALITY: "municipality",
        }.get(self.kind)
        for field in ("police_region", "county", "municipality"):
            if field != required:
                setattr(self, field, None)
        if required and getattr(self, f"{required}_id") is None:
            raise ValidationError({required: _("Choose the area this administrator covers.")})
