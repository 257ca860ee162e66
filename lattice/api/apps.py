from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lattice.api"
    label = "api"
    verbose_name = "API and webhooks"

    def ready(self) -> None:
        """Register the audit actions and the talent office's menu entries; listen for
        changed facts (each becomes a webhook delivery after the commit); retry due
        deliveries every minute; give the demo district a token and a subscription."""
        import datetime as dt

        from lattice.api import webhooks
        from lattice.api.audited import ACTIONS
        from lattice.api.navigation import register_pages
        from lattice.audit import names
        from lattice.lib.facts import listen
        from lattice.lib.schedule import Periodic, register

        names.register(*ACTIONS)
        register_pages()
        listen("api.webhooks", webhooks.on_facts_changed)

        def enqueue_retries() -> object:
            from lattice.api.tasks import retry_due_webhooks

            return retry_due_webhooks.enqueue()

        register(
            Periodic(
                name="api.webhook-retries",
                every=dt.timedelta(minutes=1),
                enqueue=enqueue_retries,
                description="Send webhook deliveries whose retry is due",
            )
        )
