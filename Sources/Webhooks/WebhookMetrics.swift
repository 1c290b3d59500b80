import Metrics

/// `mailsync_webhook_deliveries_total{outcome}`: POSTs acknowledged (`delivered`), failed and to
/// be retried (`failed`), and deliveries given up after the horizon (`dead`).
public enum WebhookMetrics {
    /// Counts one acknowledged delivery.
    public static func delivered() { count("delivered") }
    /// Counts one failed attempt that will be retried.
    public static func failed() { count("failed") }
    /// Counts one delivery that is dead.
    public static func dead() { count("dead") }

    private static func count(_ outcome: String) {
        Counter(label: "mailsync_webhook_deliveries_total", dimensions: [("outcome", outcome)]).increment()
    }
}
