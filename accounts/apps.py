from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import personal_data, signals  # noqa: F401 (connects the admin-access cache receivers)

        personal_data.register(
            "account", export=personal_data.export_account, erase=personal_data.erase_account, order=1000
        )
