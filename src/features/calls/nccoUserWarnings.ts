import vscode = require('vscode');
import { jsonc } from '../../vonage/jsonText';
import { nccoAppUsers } from '../../vonage/ncco';
import type { Services } from '../../services';
import type { TreeNode } from '../../tree/treeNode';
import { ApplicationNode } from '../applications/applicationNode';
import { userIdByName } from '../users/userByName';
import { isNccoFile, type NccoFiles } from './nccoFiles';

/** The diagnostic code of a connect to an app user the file's application does not have. */
const UNKNOWN_USER_CODE = 'unknown-app-user';
/** How long an answer ("alice is a user of this application") is trusted before it is asked again. */
const ANSWER_TTL_MS = 15_000;
/** Typing restarts this wait before a file is checked again. */
const DEBOUNCE_MS = 300;

interface Answer { exists: boolean | undefined; at: number }

/**
 * A Warning on each `connect` to an app user that the NCCO file's application (NccoFiles) does not have: that
 * call would ring nobody. Painted from what is known at once; the users not known yet are looked up in the
 * background (the view's loaded users first, else Vonage's name filter), and the warning follows the answer.
 * A change to an application's users in the view (created, deleted, reloaded) drops what was known of it.
 */
export class NccoUserWarnings implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('vonage-ncco');
  private readonly answers = new Map<string, Answer>();
  private readonly asking = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly s: Services, private readonly files: NccoFiles) {
    this.subscriptions = [
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((d) => this.later(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.later(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
      files.onDidChange((uri) => this.recheck((d) => d.uri.toString() === uri.toString())),
      s.tree.onDidChangeTreeData((node) => this.usersChanged(node)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('vonage.apiBaseUrl')) this.recheck(() => true); }),
    ];
    this.recheck(() => true);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.subscriptions) d.dispose();
  }

  /** Checks the open NCCO documents `which` keeps (now, from what is known). */
  recheck(which: (d: vscode.TextDocument) => boolean): void {
    for (const d of vscode.workspace.textDocuments) if (which(d)) this.later(d, 0);
  }

  private later(doc: vscode.TextDocument, delayMs: number): void {
    if (!isNccoFile(doc.uri)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.check(doc).catch((e: unknown) => this.s.log.debug(`Checking the users of an NCCO file failed: ${e instanceof Error ? e.message : String(e)}`));
    }, delayMs));
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    const applicationId = this.files.applicationFor(doc.uri);
    if (doc.isClosed) return;
    if (!applicationId) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const { parseTree, getNodeValue, findNodeAtLocation } = await jsonc();
    const root = parseTree(doc.getText());
    const value: unknown = root && getNodeValue(root);
    const users = Array.isArray(value) ? nccoAppUsers(value) : [];
    const appName = this.s.tree.findApplication(applicationId)?.app.name ?? applicationId;
    const warnings: vscode.Diagnostic[] = [];
    for (const u of users) {
      const known = this.answer(applicationId, u.user);
      if (known === undefined) this.ask(applicationId, u.user, doc);
      const node = root && findNodeAtLocation(root, [u.actionIndex, 'endpoint', u.endpointIndex, 'user']);
      if (known?.exists !== false || !node) continue;
      const range = new vscode.Range(doc.positionAt(node.offset), doc.positionAt(node.offset + node.length));
      const d = new vscode.Diagnostic(range, `"${u.user}" is not a user of "${appName}" (the application this NCCO file is for), so this connect would ring nobody. Create the user (Vonage: Create User) or fix the name.`, vscode.DiagnosticSeverity.Warning);
      d.source = 'Vonage';
      d.code = UNKNOWN_USER_CODE;
      warnings.push(d);
    }
    if (this.files.applicationFor(doc.uri) === applicationId && !doc.isClosed) this.diagnostics.set(doc.uri, warnings);
  }

  private key(applicationId: string, name: string): string {
    return `${this.s.session.baseUrl}\n${applicationId}\n${name}`;
  }

  /** What is known of the user, if it is fresh enough. */
  private answer(applicationId: string, name: string): Answer | undefined {
    const a = this.answers.get(this.key(applicationId, name));
    return a && Date.now() - a.at < ANSWER_TTL_MS ? a : undefined;
  }

  /** Looks the user up in the background; the document is checked again with the answer. */
  private ask(applicationId: string, name: string, doc: vscode.TextDocument): void {
    const key = this.key(applicationId, name);
    if (this.asking.has(key)) return;
    this.asking.add(key);
    userIdByName(this.s, applicationId, name)
      .then((id) => ({ exists: id !== undefined, at: Date.now() }), (e: unknown) => {
        this.s.log.debug(`Looking up an NCCO file's user in ${applicationId} failed: ${e instanceof Error ? e.message : String(e)}`);
        return { exists: undefined, at: Date.now() }; // no key, signed out, offline: no warning, asked again later
      })
      .then((a) => {
        this.answers.set(key, a);
        this.asking.delete(key);
        this.later(doc, 0);
      }, () => this.asking.delete(key));
  }

  /** The view reloaded an application (or all): its users may have changed here or elsewhere. */
  private usersChanged(node: TreeNode | undefined): void {
    if (node !== undefined && !(node instanceof ApplicationNode)) return;
    const prefix = node ? `${this.s.session.baseUrl}\n${node.applicationId}\n` : '';
    for (const key of [...this.answers.keys()]) if (key.startsWith(prefix)) this.answers.delete(key);
    this.recheck((d) => isNccoFile(d.uri) && (!node || this.files.applicationFor(d.uri) === node.applicationId));
  }
}
