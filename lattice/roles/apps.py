from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "lattice.roles"
    label = "roles"
    verbose_name = "Leadership roles"

    def ready(self) -> None:
        from lattice.lib import pay
        from lattice.roles.pay import role_pay_lines

        pay.register("roles", role_pay_lines)
