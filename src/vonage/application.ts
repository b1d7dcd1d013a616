// What an application is, as the Applications API returns it. Its own file: the client and the
// capability rules both need it, and neither may import the other (no import circles in the core).

export interface Webhook {
  address: string;
  http_method: string;
  /** e.g. connection_timeout, socket_timeout: kept as Vonage returned them. */
  [k: string]: unknown;
}

export interface Application {
  id: string;
  name: string;
  keys?: { public_key?: string; private_key?: string };
  capabilities?: {
    rtc?: { webhooks?: { event_url?: Webhook; [k: string]: unknown }; [k: string]: unknown };
    voice?: { webhooks?: { answer_url?: Webhook; event_url?: Webhook; [k: string]: unknown }; [k: string]: unknown };
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
