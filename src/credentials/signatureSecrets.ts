import vscode = require('vscode');
import type { Log } from '../ui/log';

const KEY = 'vonage.signatureSecret';

/** Where the signature secret of an account is kept. */
function keyOf(baseUrl: string, apiKey: string): string {
  return `${KEY}:${baseUrl}:${apiKey}`;
}

/** Forgets an account's signature secret (Sign Out: nothing of the account stays behind). */
export async function forgetSignatureSecret(secrets: vscode.SecretStorage, baseUrl: string, apiKey: string): Promise<void> {
  await secrets.delete(keyOf(baseUrl, apiKey));
}

/**
 * The signature secret of each account (per base URL and API key; from the dashboard's settings), with which
 * Vonage signs callbacks. Kept in SecretStorage only, like every other secret (this folder is the only code
 * that touches SecretStorage); every value read or written is registered with the log's redaction guard.
 * Read once and then remembered for this session, so checking a callback costs no storage read.
 */
export class SignatureSecrets implements vscode.Disposable {
  private readonly known = new Map<string, string | undefined>();
  private readonly sub: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    this.sub = secrets.onDidChange((e) => { if (e.key.startsWith(`${KEY}:`)) this.known.delete(e.key); });
  }

  dispose(): void { this.sub.dispose(); }

  async get(baseUrl: string, apiKey: string): Promise<string | undefined> {
    const key = keyOf(baseUrl, apiKey);
    if (!this.known.has(key)) this.known.set(key, (await this.secrets.get(key)) || undefined);
    const secret = this.known.get(key);
    this.log.protect(secret);
    return secret;
  }

  async set(baseUrl: string, apiKey: string, secret: string): Promise<void> {
    this.log.protect(secret);
    const key = keyOf(baseUrl, apiKey);
    await this.secrets.store(key, secret);
    this.known.set(key, secret);
  }

  async delete(baseUrl: string, apiKey: string): Promise<void> {
    await forgetSignatureSecret(this.secrets, baseUrl, apiKey);
    this.known.delete(keyOf(baseUrl, apiKey));
  }
}
