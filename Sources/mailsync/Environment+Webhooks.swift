import Webhooks

extension Environment {
    /// Webhook delivery: `MAILSYNC_WEBHOOK_TIMEOUT_SECONDS` (10), `MAILSYNC_WEBHOOK_RETRY_HORIZON_SECONDS`
    /// (86400) and `MAILSYNC_WEBHOOK_SWEEP_SECONDS` (30).
    var webhookConfiguration: WebhookConfiguration {
        var configuration = WebhookConfiguration()
        if let seconds = self["MAILSYNC_WEBHOOK_TIMEOUT_SECONDS"].flatMap(Double.init), seconds > 0 {
            configuration.timeout = .seconds(seconds)
        }
        if let seconds = self["MAILSYNC_WEBHOOK_RETRY_HORIZON_SECONDS"].flatMap(Double.init), seconds >= 0 {
            configuration.horizon = .seconds(seconds)
        }
        if let seconds = self["MAILSYNC_WEBHOOK_SWEEP_SECONDS"].flatMap(Double.init), seconds > 0 {
            configuration.sweepInterval = .seconds(seconds)
        }
        return configuration
    }
}
