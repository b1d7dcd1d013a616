// Harness for the contract tier: finds Vonage's OpenAPI documents in ../shared/vonage-api, starts Prism's
// validating proxy (`prism proxy --errors`) in front of the sandbox, collects its output, and always kills it.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The rooted documents: ../shared/vonage-api/rooted, or the folder VONAGE_API_DOCS names (a worktree whose parent has no shared/). */
export const docsDir = process.env.VONAGE_API_DOCS ? path.resolve(process.env.VONAGE_API_DOCS) : path.resolve(repoRoot, '..', 'shared', 'vonage-api', 'rooted');
export const APPLICATIONS_DOC = 'application.v2.rooted.yml';
export const USERS_DOC = 'users.v1-prefixed-from-v0.3.yml';
export const CONVERSATIONS_DOC = 'conversations.v1-prefixed-from-v0.3.yml';
export const NUMBERS_DOC = 'numbers.yml';
export const ACCOUNT_DOC = 'account.yml';
export const VOICE_DOC = 'voice.v1-calls-rooted.yml';

/**
 * The documents, or a reason they cannot be used. In CI (env CI=true) a missing document fails the tier;
 * elsewhere the suite is skipped with a loud message (and, running no test, still fails `npm test`).
 */
export function missingDocs(docs: string[] = [APPLICATIONS_DOC, USERS_DOC]): string | undefined {
  const needed = [...docs, path.join('common', 'common_errors.yml')].map((f) => path.join(docsDir, f));
  const missing = needed.filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return undefined;
  return `The contract tier needs Vonage's OpenAPI documents, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing. `
    + `Put the shared folder next to the repository (${path.resolve(repoRoot, '..', 'shared')}), or name its vonage-api/rooted folder in VONAGE_API_DOCS.`;
}

/** The documents whose list responses mark a property "coursor" (sic) as required. */
const COURSOR_TYPO_DOCS = [USERS_DOC, CONVERSATIONS_DOC];

/**
 * A working copy of the rooted documents in a temporary folder (never in the repository), with two known
 * errors patched: the users and conversations documents' list responses mark a property "coursor" as required
 * (no Vonage API returns a "coursor" nor a "cursor" property: the cursor travels in `_links.next.href`, as the
 * same documents' `cursor` parameter says); and the Voice API document's conversation_uuid format (see
 * conversationUuidFormat). Everything else is byte for byte the shared documents.
 */
export function preparedDocs(): { dir: string; patches: string[]; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vonage-contract-'));
  fs.cpSync(docsDir, dir, { recursive: true });
  const patches = [...COURSOR_TYPO_DOCS.flatMap((doc) => removeCoursorTypo(path.join(dir, doc))), ...conversationUuidFormat(path.join(dir, VOICE_DOC))];
  return { dir, patches, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The Voice API document declares `conversation_uuid` as `format: uuid`, while its own example is
 * "CON-f972836a-550f-45fa-956c-12a2ab5b7d22" and every conversation id Vonage gives is "CON-" and a UUID (the
 * Conversation API document, the Voice API's event webhooks, the answer webhook's conversation_uuid): no
 * call's conversation_uuid would pass. The format is dropped from that one schema (its type stays string);
 * the call's own `uuid` keeps `format: uuid`, which real call ids satisfy.
 */
function conversationUuidFormat(docPath: string): string[] {
  if (!fs.existsSync(docPath)) return [];
  const text = fs.readFileSync(docPath, 'utf8');
  const declared = /^( {4}conversation_uuid:\r?\n {6}type: string\r?\n) {6}format: uuid\r?\n/m;
  if (!declared.test(text)) return [];
  fs.writeFileSync(docPath, text.replace(declared, '$1'));
  return [`${VOICE_DOC}: conversation_uuid is not format: uuid (real ids and the document's example are CON-<uuid>)`];
}

function removeCoursorTypo(docPath: string): string[] {
  if (!fs.existsSync(docPath)) return [];
  const text = fs.readFileSync(docPath, 'utf8');
  const typo = /^( +)- coursor\r?\n/gm;
  const count = (text.match(typo) ?? []).length;
  if (count === 0) return [];
  fs.writeFileSync(docPath, text.replace(typo, ''));
  return [`${path.basename(docPath)}: removed ${count} "required: coursor" (a typo; the live API returns no such property)`];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// Every Prism we start, so that a crash or an interrupted run still kills them.
const running = new Set<ChildProcess>();
function killAll(): void {
  for (const c of running) {
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => { killAll(); process.exit(130); });
}

/** Stops every Prism this process started (for after hooks: covers one that started while another failed). */
export async function stopAllPrisms(): Promise<void> {
  await Promise.all([...running].map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) { resolve(); return; }
    const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
    c.once('exit', () => { clearTimeout(timer); resolve(); });
    c.kill('SIGTERM');
  })));
}

/** A line of Prism output that reports a violation, a warning or an error. */
const PROBLEM = /✖|⚠|\bwarn(ing)?\b|\berror\b|violation/i;

export class PrismProxy {
  readonly url: string;
  private out = '';
  private seen = 0;

  private constructor(private readonly child: ChildProcess, port: number, readonly doc: string) {
    this.url = `http://127.0.0.1:${port}`;
    child.stdout!.on('data', (c: Buffer) => { this.out += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { this.out += c.toString(); });
  }

  static async start(docPath: string, upstream: string, timeoutMs = 30000): Promise<PrismProxy> {
    const port = await freePort();
    const prismBin = path.join(repoRoot, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
    if (!fs.existsSync(prismBin)) throw new Error(`Prism is not installed (${prismBin}); run npm ci.`);
    const child = spawn(process.execPath, [prismBin, 'proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), docPath, upstream], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    running.add(child);
    child.once('exit', () => running.delete(child));
    const proxy = new PrismProxy(child, port, path.basename(docPath));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${proxy.out}`)), timeoutMs);
        const check = () => {
          if (/Prism is listening on/.test(proxy.out)) { clearTimeout(timer); resolve(); }
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Prism exited (${String(code)}) before listening:\n${proxy.out}`)); });
      });
    } catch (e) {
      await proxy.stop();
      throw e;
    }
    proxy.seen = proxy.out.length;
    return proxy;
  }

  /** All output so far. */
  get output(): string {
    return this.out;
  }

  /** Lines reporting a problem since the previous call (Prism logs request and response violations). */
  newProblems(): string[] {
    const fresh = this.out.slice(this.seen);
    this.seen = this.out.length;
    return fresh.split('\n').filter((l) => PROBLEM.test(l));
  }

  /**
   * Like newProblems(), after Prism's output has been quiet for `quietMs`: it logs a violation a moment
   * after it answers, so checking straight away would miss it (or blame the next test).
   */
  async settledProblems(quietMs = 80, maxMs = 1500): Promise<string[]> {
    const started = Date.now();
    let last = this.out.length;
    for (;;) {
      await new Promise((r) => setTimeout(r, quietMs));
      if (this.out.length === last || Date.now() - started > maxMs) break;
      last = this.out.length;
    }
    return this.newProblems();
  }

  /** How many requests Prism forwarded to the sandbox so far. */
  forwarded(): number {
    return (this.out.match(/Forwarding "/g) ?? []).length;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }
}
