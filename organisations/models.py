from django.db import models
from django.utils.translation import gettext_lazy as _


class PoliceRegion(models.Model):
    """One of the Swedish Police Authority's seven regions (since 2015)."""

    name = models.CharField(_("name"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("police region")
        verbose_name_plural = _("police regions")

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    """A county (län), by its two-digit SCB code."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=60)
    police_region = models.ForeignKey(
        PoliceRegion, on_delete=models.PROTECT, related_name="counties", verbose_name=_("police region")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality (kommun), by its four-digit SCB code."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=60)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name
