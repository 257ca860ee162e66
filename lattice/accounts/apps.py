from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lattice.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from lattice.accounts import navigation, receivers, schedule
        from lattice.accounts.audited import ACTIONS
        from lattice.audit import names

        names.register(*ACTIONS)
        navigation.register_pages()
        receivers.connect()
        schedule.register_jobs()
