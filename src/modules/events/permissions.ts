/** The events module's permissions ("<module>.<thing>.<verb>" → roles holding them by default). */
export const EVENTS_PERMISSIONS = {
  /** See every event subscriber, its dead letters and delivery log; replay. */
  manage: 'events.subscribers.manage',
  /** Manage webhook subscriptions: every one (officials), or a client system its own (a relationship). */
  webhooks: 'events.webhooks.manage',
} as const;

export const MODULE_PERMISSIONS: Record<string, readonly string[]> = {
  [EVENTS_PERMISSIONS.manage]: ['province_admin', 'security_officer'],
  [EVENTS_PERMISSIONS.webhooks]: ['province_admin', 'api_client'],
};
