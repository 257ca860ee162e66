from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lattice.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from lattice.accounts import receivers, schedule

        receivers.connect()
        schedule.register_jobs()
