// The accounts of one API host, as kept in SecretStorage: plain data and checks, no `vscode` (unit-tested in Node).

/** One stored account. The secret never leaves credentialStore.ts. */
export interface StoredAccount { label: string; apiKey: string; apiSecret: string }
/** Every account of a host and which one is in use. */
export interface AccountsRecord { active?: string; accounts: StoredAccount[] }
/** What everyone else sees of an account: label and key, never the secret. */
export interface AccountInfo { label: string; apiKey: string; active: boolean }

export const MAX_LABEL_LENGTH = 40;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A record from its stored JSON; anything unreadable is left out (a broken entry must not lock the person out). */
export function parseAccounts(text: string | undefined): AccountsRecord {
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  const raw = (value as { accounts?: unknown; active?: unknown } | undefined);
  const accounts: StoredAccount[] = [];
  for (const a of Array.isArray(raw?.accounts) ? raw.accounts as unknown[] : []) {
    const o = a as { label?: unknown; apiKey?: unknown; apiSecret?: unknown } | null;
    const apiKey = str(o?.apiKey);
    const apiSecret = typeof o?.apiSecret === 'string' && o.apiSecret !== '' ? o.apiSecret : undefined;
    if (!apiKey || !apiSecret || accounts.some((x) => x.apiKey === apiKey)) continue;
    accounts.push({ label: str(o?.label) ?? apiKey, apiKey, apiSecret });
  }
  const active = str(raw?.active);
  return { active: accounts.some((a) => a.apiKey === active) ? active : accounts[0]?.apiKey, accounts };
}

/** Why `label` cannot name the account `apiKey` among `accounts`, or undefined. Labels are unique per host, ignoring case. */
export function accountLabelProblem(accounts: readonly AccountInfo[], label: string, apiKey: string): string | undefined {
  const t = typeof label === 'string' ? label.trim() : '';
  if (!t) return 'Enter a label for this account, e.g. Personal or Client X.';
  if (t.length > MAX_LABEL_LENGTH) return `The label is ${t.length} characters long; keep it to ${MAX_LABEL_LENGTH}.`;
  const other = accounts.find((a) => a.apiKey !== apiKey && a.label.toLowerCase() === t.toLowerCase());
  if (other) return `The label "${t}" is already used by the account with API key ${other.apiKey}. Choose another label.`;
  return undefined;
}

/** "Personal (a1b2c3d4)", or just the key when the label is the key. */
export function accountDisplay(a: { label: string; apiKey: string }): string {
  return a.label === a.apiKey ? a.apiKey : `${a.label} (${a.apiKey})`;
}
