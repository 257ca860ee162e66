"""The forecasts app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("forecasts.run.request", "{actor} asked for the forecast {object}",
                formerly=("forecast.request",)),
    AuditAction("forecasts.run.finish", "The forecast {object} finished",
                formerly=("forecast.finish",)),
    AuditAction("forecasts.run.fail", "The forecast {object} failed: {summary}",
                formerly=("forecast.fail",)),
    AuditAction("forecasts.run.cancel", "{actor} cancelled the forecast {object}",
                formerly=("forecast.cancel",)),
    AuditAction("forecasts.run.stop", "The forecast {object} stopped, as asked",
                formerly=("forecast.cancelled",)),
    AuditAction("forecasts.run.restart",
                "The forecast {object} started again: its worker stopped answering"),
    AuditAction("forecasts.run.retry", "{actor} tried the forecast {object} again"),
)  # fmt: skip
