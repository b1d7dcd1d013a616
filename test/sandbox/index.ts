// The Vonage sandbox: a stateful local stand-in of the Vonage REST API (see server.ts).
export { startSandbox, VonageSandbox, DEFAULT_API_KEY, DEFAULT_API_SECRET, SECOND_DEMO_ACCOUNT, validateFault } from './server';
export type { Application, User, SandboxOptions, Fault, FaultMatch, StoredApplication, RequestLogEntry, Webhook } from './types';
