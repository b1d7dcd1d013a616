// The default Vonage API host, as plain data. Deliberately import-free: src/credentials/session.ts, which
// the extension loads at activation, imports it, and loading httpClient.ts (node-fetch) then is not allowed.

export const DEFAULT_BASE_URL = 'https://api.nexmo.com';

/** The REST host of the Numbers and Account APIs (as the official Node SDK uses it). */
export const DEFAULT_REST_BASE_URL = 'https://rest.nexmo.com';
