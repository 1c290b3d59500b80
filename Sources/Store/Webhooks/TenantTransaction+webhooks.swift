extension TenantTransaction {
    /// The agency's webhook endpoints and their signing secrets.
    public var webhookEndpoints: WebhookEndpointRepository { WebhookEndpointRepository(self) }
    /// Webhook deliveries: a sub-account's lanes, or an endpoint's list in an agency scope.
    public var webhookDeliveries: WebhookDeliveryRepository { WebhookDeliveryRepository(self) }
}
