// Public types of the sandbox (see the shared contract). Application and User are structurally the
// same as the core's (src/vonage) types, declared here so the sandbox has no dependency on the core.

export interface Webhook { address: string; http_method: string; [k: string]: unknown }

export interface Application {
  id: string;
  name: string;
  keys?: { public_key?: string; private_key?: string };
  capabilities?: {
    rtc?: { webhooks?: { event_url?: Webhook }; [k: string]: unknown };
    voice?: { webhooks?: { answer_url?: Webhook; event_url?: Webhook; [k: string]: unknown }; [k: string]: unknown };
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface User {
  id: string;
  name: string;
  display_name?: string;
  image_url?: string;
  [k: string]: unknown;
}

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Added to every API request (not to the /_sandbox/ control endpoints). */
  latencyMs?: number;
  apiKey?: string;
  apiSecret?: string;
  /**
   * The voice clock (voiceClock.ts): 'manual' (the default) moves only when a test advances it; 'real' follows
   * the wall clock, for a person trying calls by hand (`npm start`, `npm run sandbox`).
   */
  voiceClock?: 'manual' | 'real';
}

export type Fault =
  | { status: 429; retryAfterSeconds?: number }
  /** 409: another request changed the resource meanwhile (the users API documents 409; applications may answer it too). */
  | { status: 409 | 500 | 502 | 503 | 504 }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** The request IS processed (an application really gets created, …), then the answer is lost: the socket is reset. */
  | { kind: 'resetAfter' }
  /** The request IS processed, then never answered (the client times out not knowing it succeeded). */
  | { kind: 'hangAfter' }
  | { kind: 'html'; status?: number };

export interface FaultMatch { method?: string; pathPrefix?: string }

export interface StoredApplication {
  /** As GET returns it: never a private key. */
  application: Application;
  publicKey: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query string, as received. */
  path: string;
  /** 0 when the request got no HTTP answer (connection reset, hang). */
  status: number;
}
