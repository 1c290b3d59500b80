import JobQueue
import Providers

extension RetryLater {
    /// The wait a provider's `rateLimited` answer asks for (its Retry-After, else a minute), for
    /// every job that calls a provider.
    init(rateLimited error: ProviderError) {
        self.init(after: error.retryAfter ?? .seconds(60), reason: "the provider asked to slow down")
    }
}
