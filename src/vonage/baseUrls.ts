// The Vonage API hosts, as plain data. Deliberately import-free: the extension reads these at activation
// (src/credentials/session.ts), where loading httpClient.ts (node-fetch) is not allowed.

export const DEFAULT_BASE_URL = 'https://api.nexmo.com';

export const VONAGE_BASE_URLS: readonly { label: string; url: string; description: string }[] = Object.freeze([
  { label: 'Global', url: 'https://api.nexmo.com', description: 'Default: routed to the nearest region' },
  { label: 'United States', url: 'https://api-us.vonage.com', description: 'Data kept in the US region' },
  { label: 'Europe', url: 'https://api-eu.vonage.com', description: 'Data kept in the EU region' },
  { label: 'Asia Pacific', url: 'https://api-ap.vonage.com', description: 'Data kept in the APAC region' },
]);
