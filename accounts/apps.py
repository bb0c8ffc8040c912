from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import personal_data, services, signals  # noqa: F401 (signals connects the admin-access cache receivers)

        personal_data.register(
            "account", export=personal_data.export_account, erase=personal_data.erase_account, order=1000
        )
        user_logged_in.connect(services.clear_flag_on_sign_in, dispatch_uid="accounts.clear_inactive_flag")
