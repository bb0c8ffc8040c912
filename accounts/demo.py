"""Demo accounts for local development only (`make run`)."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt

from organisations.models import Municipality

from .models import AdministratorScope, OrganisationType, ScopeKind, User


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    first_name: str
    last_name: str
    role: str
    group: str | None = None
    # Staff must use two-factor authentication: the secret to type into an authenticator app.
    totp_secret: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("larande@example.com", "demo-larande-2026", "Lena", "Lärande", "learner"),
    DemoAccount(
        "redaktor@example.com",
        "demo-redaktor-2026",
        "Erik",
        "Redaktör",
        "editor",
        "Redaktörer",
        "XMDOHQ2PWI5Z7UVTO7K4S2N6CPFPPKIX",
    ),
    DemoAccount(
        "granskare@example.com",
        "demo-granskare-2026",
        "Greta",
        "Granskare",
        "reviewer",
        "Granskare",
        "WJHXCBPZGU76GA2IB24X6HJHNLKW72EU",
    ),
    DemoAccount(
        "admin@example.com",
        "demo-admin-2026",
        "Ali",
        "Administratör",
        "administrator",
        "Kursadministratörer",
        "E4CHL27X3YMKITX7EAV5IBTYDX4V7V4C",
    ),
]


@transaction.atomic
def create_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create (or leave as they are) the four demo accounts with confirmed e-mail addresses, and
    give the staff among them an authenticator app with their known secret."""
    municipality = Municipality.objects.filter(code="0180").first()
    results = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "organisation_type": OrganisationType.MUNICIPALITY if municipality else "",
                "municipality": municipality,
                "job_title": "Brottsförebyggande samordnare" if account.role == "learner" else "",
            },
        )
        if created:
            user.set_password(account.password)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=account.email, defaults={"verified": True, "primary": True})
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))
        if account.group == "Kursadministratörer":
            # The demo administrator follows every learner; a real one gets their scope in Settings.
            AdministratorScope.objects.get_or_create(user=user, defaults={"kind": ScopeKind.NATIONAL})
        if account.totp_secret:
            Authenticator.objects.get_or_create(
                user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(account.totp_secret)}}
            )
        results.append((account, created))
    return results
