// The REST host's Numbers and Account APIs in the sandbox (../shared/vonage-api/rooted/numbers.yml,
// account.yml): an inventory of deterministic numbers for several countries and types with their
// monthly prices, the numbers each account owns, and a balance that a purchase really reduces.
// Auth: `api_key` and `api_secret` as query parameters (or form fields, which the live API also reads).
// Answers: `{"error-code": "200", "error-code-label": "success"}`, refusals 420 with a label, 401 as the
// documents show it.
import { HttpError, type ApiRequest, type ControlReply, type Json, type SandboxApi } from './apiModule';
import type { ErrorReply } from './errors';

export interface SandboxNumber {
  country: string;
  msisdn: string;
  type: string;
  features: string[];
  cost: string;
}

export interface OwnedSandboxNumber {
  country: string;
  msisdn: string;
  type: string;
  features: string[];
  app_id?: string;
  moHttpUrl?: string;
  voiceCallbackType?: string;
  voiceCallbackValue?: string;
  voiceStatusCallback?: string;
  messagesCallbackType?: string;
  messagesCallbackValue?: string;
}

/** What the sandbox's numbers need of the sandbox itself: its accounts and their applications. */
export interface NumbersHost {
  /** The account the sandbox was started with: the one a seed or balance without apiKey is for. */
  readonly apiKey: string;
  accountSecret(apiKey: string): string | undefined;
  ownsApplication(apiKey: string, applicationId: string): boolean;
}

/** Every account starts with this balance (EUR), enough for a few numbers. */
export const STARTING_BALANCE = 10;
const MAX_PAGE_SIZE = 100;
const SETTINGS = ['moHttpUrl', 'voiceCallbackType', 'voiceCallbackValue', 'voiceStatusCallback', 'messagesCallbackType', 'messagesCallbackValue'] as const;

/** Blocks of numbers for sale: country, first number, how many, type, features, monthly cost. */
const INVENTORY_BLOCKS: [string, number, number, string, string[], string][] = [
  ['GB', 447700900000, 100, 'mobile-lvn', ['VOICE', 'SMS'], '1.25'],
  ['GB', 442079460000, 50, 'landline', ['VOICE'], '0.80'],
  ['GB', 448081570000, 20, 'landline-toll-free', ['VOICE'], '2.50'],
  ['US', 12015550100, 100, 'mobile-lvn', ['VOICE', 'SMS', 'MMS'], '0.90'],
  ['US', 18005550100, 20, 'landline-toll-free', ['VOICE', 'SMS'], '1.50'],
  ['DE', 4930901820000, 50, 'landline', ['VOICE'], '1.00'],
  ['FR', 33700000000, 50, 'mobile-lvn', ['VOICE', 'SMS'], '2.00'],
  ['NL', 3197010000000, 50, 'mobile-lvn', ['SMS'], '2.50'],
  ['AU', 61491570000, 50, 'mobile-lvn', ['VOICE', 'SMS'], '6.00'],
];

function inventory(): Map<string, SandboxNumber> {
  const out = new Map<string, SandboxNumber>();
  for (const [country, first, count, type, features, cost] of INVENTORY_BLOCKS) {
    for (let i = 0; i < count; i++) {
      const msisdn = String(first + i);
      out.set(msisdn, { country, msisdn, type, features, cost });
    }
  }
  return out;
}

function reply(status: number, label: string): ErrorReply {
  return { status, body: { 'error-code': String(status), 'error-code-label': label } };
}

const refused = (label: string) => new HttpError(reply(420, label));

export class NumbersApi implements SandboxApi {
  readonly controlRoutes = ['POST /_sandbox/numbers/balance', 'POST /_sandbox/numbers/seed'];
  private readonly forSale = inventory();
  /** API key -> msisdn -> the number as that account owns it. */
  private readonly owned = new Map<string, Map<string, OwnedSandboxNumber>>();
  private readonly balances = new Map<string, number>();

  constructor(private readonly host: NumbersHost) {}

  owns(path: string): boolean {
    return path === '/account/numbers' || path === '/account/get-balance' || path.startsWith('/number/');
  }

  faultReply(status: number): ErrorReply | undefined {
    return status >= 500 ? reply(status, 'internal error') : undefined;
  }

  handle(req: ApiRequest): void {
    const params = req.params();
    const account = this.authenticate(params);
    const route = `${req.method} ${req.path}`;
    switch (route) {
      case 'GET /account/get-balance': return req.send(200, { value: this.balance(account), autoReload: false });
      case 'GET /account/numbers': return req.send(200, this.ownedPage(account, params));
      case 'GET /number/search': return req.send(200, this.searchPage(params));
      case 'POST /number/buy': this.buy(account, params); return req.send(200, reply(200, 'success').body);
      case 'POST /number/cancel': this.cancel(account, params); return req.send(200, reply(200, 'success').body);
      case 'POST /number/update': this.update(account, params); return req.send(200, reply(200, 'success').body);
      default: throw new HttpError({ status: 404, body: { 'error-code': '404', 'error-code-label': `no such method ${route}` } });
    }
  }

  control(route: string, body: Json): ControlReply | undefined {
    const apiKey = typeof body.apiKey === 'string' ? body.apiKey : undefined;
    if (route === 'POST /_sandbox/numbers/balance') {
      this.setBalance(body.value as number, apiKey);
      return { status: 204 };
    }
    if (route === 'POST /_sandbox/numbers/seed') {
      const seeded = this.seedOwned(body.count as number, { apiKey, applicationId: typeof body.applicationId === 'string' ? body.applicationId : undefined });
      return { status: 201, body: { numbers: seeded.map((n) => n.msisdn) } };
    }
    return undefined;
  }

  reset(): void {
    this.owned.clear();
    this.balances.clear();
  }

  state(): Json {
    return {
      numbers: Object.fromEntries([...this.owned].map(([k, m]) => [k, [...m.values()]])),
      balances: Object.fromEntries(this.balances),
    };
  }

  // ---------- for tests, benches and npm start ----------

  /** The numbers an account owns, as GET /account/numbers lists them. */
  ownedBy(apiKey: string): OwnedSandboxNumber[] {
    return [...this.ownedMap(apiKey).values()].map((n) => ({ ...n, features: [...n.features] }));
  }

  /** The numbers for sale (not owned by anyone) in a country. */
  available(country: string): SandboxNumber[] {
    return [...this.forSale.values()].filter((n) => n.country === country && !this.ownerOf(n.msisdn));
  }

  balance(apiKey: string): number {
    return this.balances.get(apiKey) ?? STARTING_BALANCE;
  }

  setBalance(value: number, apiKey?: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`balance must be a number, got ${String(value)}`);
    this.balances.set(apiKey ?? this.host.apiKey, value);
  }

  /**
   * Takes `amount` (EUR) from the account's balance: what a completed phone call costs (voiceApi.ts). Kept
   * simple: the balance may go below zero; Vonage would stop a call whose cost the balance no longer covers.
   */
  charge(apiKey: string, amount: number): void {
    if (!Number.isFinite(amount) || amount < 0) throw new Error(`a charge must be a non-negative amount, got ${String(amount)}`);
    this.balances.set(apiKey, Math.round((this.balance(apiKey) - amount) * 1e8) / 1e8);
  }

  /** Gives an account `count` numbers (made up beyond the inventory, free of charge), optionally linked to an application. */
  seedOwned(count: number, opts: { apiKey?: string; applicationId?: string; settings?: Partial<OwnedSandboxNumber> } = {}): OwnedSandboxNumber[] {
    if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${String(count)}`);
    const mine = this.ownedMap(opts.apiKey ?? this.host.apiKey);
    const out: OwnedSandboxNumber[] = [];
    for (let i = 0; out.length < count; i++) {
      const msisdn = String(447400000000 + i);
      if (this.ownerOf(msisdn)) continue;
      const n: OwnedSandboxNumber = { country: 'GB', msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'], ...opts.settings, ...(opts.applicationId ? { app_id: opts.applicationId } : {}) };
      mine.set(msisdn, n);
      out.push({ ...n });
    }
    return out;
  }

  // ---------- the API ----------

  private authenticate(params: URLSearchParams): string {
    const key = params.get('api_key') ?? '';
    const secret = params.get('api_secret');
    if (!key || secret === null || this.host.accountSecret(key) !== secret) throw new HttpError(reply(401, 'authentication failed'));
    return key;
  }

  private ownedMap(apiKey: string): Map<string, OwnedSandboxNumber> {
    let m = this.owned.get(apiKey);
    if (!m) this.owned.set(apiKey, m = new Map<string, OwnedSandboxNumber>());
    return m;
  }

  private ownerOf(msisdn: string): string | undefined {
    for (const [key, m] of this.owned) if (m.has(msisdn)) return key;
    return undefined;
  }

  private ownedPage(account: string, params: URLSearchParams): Json {
    const { size, index } = paging(params);
    const appId = params.get('application_id');
    const hasApp = params.get('has_application');
    const country = params.get('country');
    const list = [...this.ownedMap(account).values()]
      .filter((n) => !appId || n.app_id === appId)
      .filter((n) => hasApp === null || (hasApp === 'true') === Boolean(n.app_id))
      .filter((n) => !country || n.country === country)
      .filter((n) => matchesPattern(n.msisdn, params))
      .sort((a, b) => a.msisdn.localeCompare(b.msisdn));
    const page = list.slice((index - 1) * size, index * size);
    return page.length ? { count: list.length, numbers: page } : { count: list.length };
  }

  private searchPage(params: URLSearchParams): Json {
    const { size, index } = paging(params);
    const country = params.get('country');
    if (!country) throw new HttpError(reply(400, 'missing parameter country'));
    const type = params.get('type');
    const features = params.get('features')?.split(',').filter(Boolean) ?? [];
    const list = [...this.forSale.values()]
      .filter((n) => n.country === country && !this.ownerOf(n.msisdn))
      .filter((n) => !type || n.type === type)
      .filter((n) => features.every((f) => n.features.includes(f)))
      .filter((n) => matchesPattern(n.msisdn, params));
    const page = list.slice((index - 1) * size, index * size);
    return page.length ? { count: list.length, numbers: page } : { count: list.length };
  }

  private buy(account: string, params: URLSearchParams): void {
    const { country, msisdn } = numberParams(params);
    const owner = this.ownerOf(msisdn);
    if (owner === account) throw refused('You already own this number');
    const number = this.forSale.get(msisdn);
    if (!number || owner || number.country !== country) throw refused('method failed');
    const cost = Number(number.cost);
    if (this.balance(account) < cost) throw refused('Insufficient balance to buy this number');
    this.balances.set(account, Math.round((this.balance(account) - cost) * 1e6) / 1e6);
    this.ownedMap(account).set(msisdn, { country, msisdn, type: number.type, features: [...number.features] });
  }

  private cancel(account: string, params: URLSearchParams): void {
    const { msisdn } = numberParams(params);
    if (!this.ownedMap(account).delete(msisdn)) throw refused('method failed');
  }

  /** The update replaces the number's settings with those sent (what is not sent is cleared). */
  private update(account: string, params: URLSearchParams): void {
    const { msisdn } = numberParams(params);
    const n = this.ownedMap(account).get(msisdn);
    if (!n) throw refused('method failed');
    const appId = params.get('app_id') || undefined;
    if (appId && !this.host.ownsApplication(account, appId)) throw refused('Invalid application id');
    const next: OwnedSandboxNumber = { country: n.country, msisdn, type: n.type, features: n.features, ...(appId ? { app_id: appId } : {}) };
    for (const f of SETTINGS) {
      const v = params.get(f);
      if (v) next[f] = v;
    }
    this.ownedMap(account).set(msisdn, next);
  }
}

function paging(params: URLSearchParams): { size: number; index: number } {
  const size = Number(params.get('size') ?? 10);
  const index = Number(params.get('index') ?? 1);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new HttpError(reply(400, `size must be between 1 and ${MAX_PAGE_SIZE}`));
  if (!Number.isInteger(index) || index < 1) throw new HttpError(reply(400, 'index must be at least 1'));
  return { size, index };
}

function matchesPattern(msisdn: string, params: URLSearchParams): boolean {
  const pattern = params.get('pattern');
  if (!pattern) return true;
  const how = params.get('search_pattern') ?? '0';
  return how === '0' ? msisdn.startsWith(pattern) : how === '2' ? msisdn.endsWith(pattern) : msisdn.includes(pattern);
}

function numberParams(params: URLSearchParams): { country: string; msisdn: string } {
  const country = params.get('country');
  const msisdn = params.get('msisdn');
  if (!country || !msisdn) throw new HttpError(reply(400, 'missing parameter country or msisdn'));
  return { country, msisdn };
}
