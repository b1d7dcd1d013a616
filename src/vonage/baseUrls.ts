// The default Vonage API host, as plain data. Deliberately import-free: src/credentials/session.ts, which
// the extension loads at activation, imports it, and loading httpClient.ts (node-fetch) then is not allowed.

export const DEFAULT_BASE_URL = 'https://api.nexmo.com';
