from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lattice.accounts"
    label = "accounts"
    verbose_name = "Sign-in"

    def ready(self) -> None:
        from lattice.accounts import navigation, receivers, schedule

        navigation.register_pages()
        receivers.connect()
        schedule.register_jobs()
