import vscode = require('vscode');
import type { Node, ParseError } from 'jsonc-parser';
import type { Application } from '../../vonage';
import { capabilitiesDocumentProblems } from '../../vonage/capabilities'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { VonageSession } from '../../credentials/session';
import type { ApplicationsTree } from './applicationsTree';
import type { Log } from '../../ui/log';
import type { Ui } from '../../ui/prompts';

export const SCHEME = 'vonage';
const OVERWRITE = 'Overwrite';
/** Top-level fields of GET that the document never shows: keys (never), HAL links (meaningless to edit). */
const HIDDEN = new Set(['keys', '_links']);

/**
 * vonage://<hex of the API key>@<hex of the base URL>/applications/<id>/<name>.json: the host and the account
 * (its API key, never the secret) travel in the URI, so a save goes where the document came from, with the
 * account it was read with, whichever account is active by then.
 */
export function applicationUri(baseUrl: string, apiKey: string, app: { id: string; name: string }): vscode.Uri {
  const file = `${app.name.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'application'}.json`;
  const authority = `${hex(apiKey)}@${hex(baseUrl)}`;
  return vscode.Uri.from({ scheme: SCHEME, authority, path: `/applications/${encodeURIComponent(app.id)}/${file}` });
}

export function parseApplicationUri(uri: vscode.Uri): { baseUrl: string; apiKey: string; id: string } {
  const [, kind, id] = uri.path.split('/');
  const at = uri.authority.lastIndexOf('@');
  const apiKey = Buffer.from(uri.authority.slice(0, Math.max(0, at)), 'hex').toString('utf8');
  const baseUrl = Buffer.from(uri.authority.slice(at + 1), 'hex').toString('utf8');
  if (uri.scheme !== SCHEME || kind !== 'applications' || !id || !apiKey || !/^https?:\/\//.test(baseUrl)) throw vscode.FileSystemError.FileNotFound(uri);
  return { baseUrl, apiKey, id: decodeURIComponent(id) };
}

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** The application as the editor shows it: everything GET returned but keys and links, id first. */
export function applicationDocument(app: Application): string {
  const shown: Record<string, unknown> = { id: app.id, name: app.name };
  for (const [k, v] of Object.entries(app)) if (!HIDDEN.has(k) && !(k in shown)) shown[k] = v;
  return `${JSON.stringify(shown, null, 2)}\n`;
}

interface OpenState { base: Application }
type Jsonc = typeof import('jsonc-parser');

/**
 * "Edit as JSON": a `vonage:` file system of applications. Reading GETs the application; saving PUTs it
 * (the core reads it back when the answer is lost). Keys are never in the document: the public key goes
 * back as Vonage has it. Before saving, the application is read again: changed at Vonage since the document
 * was opened, the person is asked before it is overwritten. Nothing is sent while the document has a problem
 * the prompts of Edit Application would refuse (a webhook URL without scheme, a method, region, TTL or version
 * the API does not take); those and a 400's invalid parameters are put on the lines they name (Problems) and
 * the save fails, so the document stays dirty and nothing typed is lost.
 */
export class ApplicationFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('vonage-application');
  private readonly open = new Map<string, OpenState>();
  /** One modification time per document, fixed at its first stat (see stat()). */
  private readonly mtimes = new Map<string, number>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: VonageSession, private readonly tree: ApplicationsTree, private readonly log: Log, private readonly ui: () => Ui) {
    this.subscription = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === SCHEME) this.diagnostics.delete(d.uri);
    });
  }

  dispose(): void { this.emitter.dispose(); this.diagnostics.dispose(); this.subscription.dispose(); }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }

  // One file per application: no folders, and applications are created, renamed and deleted by their commands.
  readDirectory(): [string, vscode.FileType][] { return []; }
  createDirectory(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  delete(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  rename(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }

  /**
   * VS Code refuses a save ("file modified since") when the stat before the write differs from the stat
   * before the read. Whether the application changed at Vonage is this provider's own question (writeFile
   * compares what was read with what is there now), so the stat stays the same for the document's life:
   * one mtime, and size 0 (unknown until the GET, which VS Code makes after the stat).
   */
  stat(uri: vscode.Uri): vscode.FileStat {
    const key = uri.toString();
    if (!this.mtimes.has(key)) this.mtimes.set(key, Date.now());
    const mtime = this.mtimes.get(key)!;
    return { type: vscode.FileType.File, ctime: mtime, mtime, size: 0 };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { baseUrl, apiKey, id } = parseApplicationUri(uri);
    const app = await this.fetch(uri, baseUrl, apiKey, id);
    const bytes = Buffer.from(applicationDocument(app), 'utf8');
    this.open.set(uri.toString(), { base: app });
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { baseUrl, apiKey, id } = parseApplicationUri(uri);
    const text = Buffer.from(content).toString('utf8');
    const jsonc = await import('jsonc-parser'); // on first save, not at activation
    const edited = this.readDocument(jsonc, uri, text, id);
    const { client, now } = await this.session.applications(baseUrl, apiKey)
      .then(async (c) => ({ client: c, now: await c.get(id) }))
      .catch((e: unknown) => { throw this.failure(uri, e, 'Not saved'); });
    const base = this.open.get(uri.toString())?.base;
    if (base && !sameApplication(base, now) && await this.ui().confirm(`"${now.name}" was changed at Vonage since you opened it.`,
      'Saving replaces those changes with this document. To see them first, cancel and use File: Revert File.', OVERWRITE) !== OVERWRITE) {
      throw unavailable('Not saved: the application was changed at Vonage since you opened it. Revert the file to see it, or save again and choose Overwrite.');
    }
    const body: Record<string, unknown> = { name: edited.name, capabilities: edited.capabilities ?? {}, privacy: edited.privacy ?? now.privacy };
    if (now.keys?.public_key) body.keys = { public_key: now.keys.public_key };
    let saved: Application;
    try {
      saved = await client.put(id, body, now);
    } catch (e) {
      throw this.failure(uri, e, 'Not saved', { text, jsonc });
    }
    this.diagnostics.delete(uri);
    this.open.set(uri.toString(), { base: saved });
    this.tree.updateApplication(saved);
    this.log.info(`Saved application ${id} ("${saved.name}") from its JSON document.`);
  }

  /** The edited document as an object, or a save error (and a diagnostic) saying what is wrong with it. */
  private readDocument(jsonc: Jsonc, uri: vscode.Uri, text: string, id: string): Record<string, unknown> {
    const { findNodeAtLocation, parseTree, printParseErrorCode } = jsonc;
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    // `where` names the place only: what the log gets (a message may quote a typed URL, and a URL can carry a token).
    const problems: { node?: Node; where: string; message: string }[] = errors.map((e) => ({ node: { offset: e.offset, length: Math.max(1, e.length) } as Node, where: `offset ${e.offset}`, message: `JSON: ${printParseErrorCode(e.error)}` }));
    if (!problems.length && root?.type !== 'object') problems.push({ node: root, where: 'the document', message: 'The document must be one JSON object: the application.' });
    const value = problems.length ? undefined : JSON.parse(text) as Record<string, unknown>;
    if (value) {
      if (typeof value.name !== 'string' || value.name.trim() === '') problems.push({ node: root && (findNodeAtLocation(root, ['name']) ?? root), where: 'name', message: 'name: the application needs a name.' });
      if (value.id !== undefined && value.id !== id) problems.push({ node: root && findNodeAtLocation(root, ['id']), where: 'id', message: `id: the id cannot change (it is ${id}).` });
      if (value.keys !== undefined) problems.push({ node: root && findNodeAtLocation(root, ['keys']), where: 'keys', message: 'keys: keys are not edited here; remove this property.' });
      for (const p of capabilitiesDocumentProblems(value.capabilities)) {
        const where = p.path.join('.');
        problems.push({ node: root && nearestNode(jsonc, root, where), where, message: `${where}: ${p.message}` });
      }
    }
    if (problems.length) {
      this.diagnostics.set(uri, problems.map((p) => diagnostic(text, p.node, p.message)));
      const message = `Not saved: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more, marked in the editor)` : ''}`;
      this.log.warn(`Application document ${uri.path}: not saved, ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} at ${problems.map((p) => p.where).join(', ')} (marked in the editor).`);
      throw unavailable(message);
    }
    return value!;
  }

  private async fetch(uri: vscode.Uri, baseUrl: string, apiKey: string, id: string): Promise<Application> {
    try {
      return await (await this.session.applications(baseUrl, apiKey)).get(id);
    } catch (e) {
      if ((e as { kind?: string }).kind === 'notFound') throw vscode.FileSystemError.FileNotFound(uri);
      throw this.failure(uri, e, 'Could not open the application');
    }
  }

  /** A save or read error in one sentence; a 400's invalid parameters become diagnostics on their lines. */
  private failure(uri: vscode.Uri, e: unknown, what: 'Not saved' | 'Could not open the application', saving?: { text: string; jsonc: Jsonc }): Error {
    this.log.error(`Application document ${uri.path}`, e);
    const err = e as Error & { kind?: string; invalidParameters?: { name: string; reason: string }[] };
    if (saving && err.kind === 'invalid' && err.invalidParameters?.length) {
      const { text, jsonc } = saving;
      const root = jsonc.parseTree(text);
      this.diagnostics.set(uri, err.invalidParameters.map((p) => diagnostic(text, root && nearestNode(jsonc, root, p.name), `${p.name}: ${p.reason}`)));
      return unavailable(`Not saved: Vonage refused ${err.invalidParameters.map((p) => `${p.name} (${p.reason})`).join(', ')}. The problems are marked in the editor.`);
    }
    if (err.kind === 'notFound') this.tree.removeApplication(parseApplicationUri(uri).id);
    return unavailable(`${what}: ${err.message ?? String(e)}`);
  }
}

function unavailable(message: string): vscode.FileSystemError {
  return vscode.FileSystemError.Unavailable(message);
}

/** The node a dotted API name (capabilities.voice.webhooks.answer_url.http_method) points at, or its nearest existing parent. */
function nearestNode(jsonc: Jsonc, root: Node, dotted: string): Node | undefined {
  const path = dotted.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let n = path.length; n > 0; n--) {
    const node = jsonc.findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}

function diagnostic(text: string, node: Pick<Node, 'offset' | 'length'> | undefined, message: string): vscode.Diagnostic {
  const start = node?.offset ?? 0;
  const range = new vscode.Range(position(text, start), position(text, start + (node?.length ?? 0)));
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  d.source = 'Vonage';
  return d;
}

function position(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}

/** Same name, capabilities and privacy (what a save would overwrite). */
function sameApplication(a: Application, b: Application): boolean {
  return canonical({ n: a.name, c: a.capabilities, p: a.privacy }) === canonical({ n: b.name, c: b.capabilities, p: b.privacy });
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}
