from django.contrib.auth.models import AbstractUser, BaseUserManager
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
    # Set by the daily retention job once the account has been inactive for INACTIVE_ACCOUNT_DAYS.
    flagged_inactive_at = models.DateTimeField(_("flagged as inactive at"), null=True, blank=True)

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
