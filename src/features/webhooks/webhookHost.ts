import vscode = require('vscode');
import * as path from 'path';
import type { Services } from '../../services';
import type { SignatureSecrets } from '../../credentials/signatureSecrets';
import { VonageInputError } from '../../vonage/errors';
import type { CallbackAnswer, CallbackRecord, CallbackRequest } from '../../vonage/webhooks/callbacks';
import { probeForwardTarget } from '../../vonage/webhooks/forwarder';
import { nccoFileAnswer } from '../../vonage/webhooks/nccoAnswer';
import { talkNcco } from '../../vonage/ncco';
import { webhookLabel, webhookOfKind } from '../../vonage/webhooks/routing';
import { type SignatureCheck, checkSignature, unchecked } from '../../vonage/webhooks/signature';
import { type RunningTunnel, type TunnelExit, startTunnel } from '../../vonage/webhooks/tunnelLauncher';
import { WebhookServer } from '../../vonage/webhooks/webhookServer';
import type { CallbackLog } from './callbackLog';
import type { RoutedApplications } from './routedApplications';
import type { TunnelChoice } from './tunnelChoice';

export interface StartOptions { port?: number; forwardTo?: URL }

/** The command that writes a starter NCCO file (the calls feature's New NCCO File). */
export const NEW_NCCO_COMMAND = 'vonage.newNcco';

/**
 * The webhook server while it runs in this extension host, the tunnel started for it, and what the server
 * is handed: which applications it serves (those routed here), the signature check with the secret of the
 * application's account, the NCCO file's answer, and the log of callbacks.
 */
export class WebhookHost implements vscode.Disposable {
  private server?: WebhookServer;
  private tunnelProcess?: RunningTunnel;
  /** Aborts the tunnel program still starting: stopping the server (or the window closing) ends it too. */
  private tunnelStarting?: AbortController;
  private base?: string;
  /** Callbacks answered since the server started (the status bar shows it). */
  callbackCount = 0;
  private offeredNewFile = false;
  /** The accounts whose callbacks came signed while no secret was set: said once per server run. */
  private readonly saidNotChecked = new Set<string>();
  private lastFileProblem?: string;
  private lastForwardProblem?: string;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Called when the tunnel ends by itself (the feature puts the applications routed through it back). */
  onTunnelDied: (program: string, url: string, exit: TunnelExit) => void = () => undefined;

  constructor(
    private readonly s: Services,
    private readonly routes: RoutedApplications,
    private readonly callbacks: CallbackLog,
    private readonly secrets: SignatureSecrets,
  ) {}

  /** The window is closing: the tunnel is ended at once (SIGKILL; a SIGTERM's grace period would outlive the host), then the server. */
  dispose(): void {
    this.tunnelProcess?.kill();
    void this.stop();
    this.changed.dispose();
  }

  get running(): WebhookServer | undefined { return this.server; }

  /** The URL Vonage reaches this server at, once one was found for it (cleared with the server or its tunnel). */
  get publicBase(): string | undefined { return this.base; }
  set publicBase(url: string | undefined) {
    this.base = url;
    this.changed.fire();
  }
  get tunnel(): RunningTunnel | undefined { return this.tunnelProcess; }

  /**
   * Starts the server (on `port`, else a free one). A forward target is tried first: one that refuses is
   * said in one sentence and nothing starts. Already running with the same options: that server.
   */
  async start(opts: StartOptions = {}): Promise<WebhookServer> {
    if (this.server) {
      const sameTarget = (this.server.forwardTo?.href ?? '') === (opts.forwardTo?.href ?? '');
      if (sameTarget && (opts.port === undefined || opts.port === this.server.port)) return this.server;
      throw new VonageInputError(`The webhook server already runs on ${this.server.url} (${this.describe()}). Stop it first (Vonage: Stop Webhook Server) to start it with other options.`);
    }
    if (opts.forwardTo) await probeForwardTarget(opts.forwardTo);
    this.server = await WebhookServer.start({
      serves: (id) => this.routes.servedHere(id),
      check: (req, authorization) => this.check(req, authorization),
      rejectUnverified: () => this.rejectingInvalidSignatures(),
      forwardTo: opts.forwardTo,
      forwardPath: (req) => this.forwardPath(req),
      answer: (req) => this.answerFromFile(req),
      onCallback: (record) => this.recorded(record),
      onError: (e) => this.s.log.error('The webhook server failed to answer a callback (answered 500)', e),
    }, opts.port ?? 0);
    this.offeredNewFile = false;
    this.saidNotChecked.clear();
    this.callbackCount = 0;
    this.s.log.info(`Started the webhook server on ${this.server.url}${opts.forwardTo ? `, forwarding to ${opts.forwardTo.origin}` : ''}.`);
    this.changed.fire();
    return this.server;
  }

  /** Stops the tunnel and the server (the routed applications are put back first, by the caller). */
  async stop(): Promise<void> {
    const server = this.server;
    this.tunnelStarting?.abort();
    await this.stopTunnel();
    this.server = undefined;
    this.base = undefined;
    if (server) {
      const url = server.url;
      await server.stop();
      this.s.log.info(`Stopped the webhook server on ${url}.`);
      this.changed.fire();
    }
  }

  /** What the server does with callbacks, in words. */
  describe(): string {
    const target = this.server?.forwardTo;
    return target ? `forwarding to ${target.origin}${target.pathname === '/' ? '' : target.pathname}` : `answering from ${this.nccoFile().name}`;
  }

  /** Starts the tunnel program for the server; its public URL becomes the server's public base. */
  async startTunnel(choice: TunnelChoice): Promise<string> {
    const server = this.server;
    if (!server) throw new Error('The webhook server is not running.');
    const starting = new AbortController();
    this.tunnelStarting = starting;
    let tunnel: RunningTunnel;
    try {
      tunnel = await startTunnel({ program: choice.program, executable: choice.executable, port: server.port, signal: starting.signal });
    } catch (e) {
      if (starting.signal.aborted) throw new vscode.CancellationError(); // the server stopped meanwhile: the program was ended
      throw e;
    } finally {
      if (this.tunnelStarting === starting) this.tunnelStarting = undefined;
    }
    if (this.server !== server) { await tunnel.stop(); throw new vscode.CancellationError(); }
    this.tunnelProcess = tunnel;
    this.base = tunnel.url;
    tunnel.onExit((exit) => {
      if (this.tunnelProcess !== tunnel) return;
      this.tunnelProcess = undefined;
      if (this.base === tunnel.url) this.base = undefined;
      this.s.log.warn(`${tunnel.program} (pid ${String(tunnel.pid)}) stopped by itself (${exit.code !== null ? `exit code ${exit.code}` : `signal ${String(exit.signal)}`}).`);
      this.changed.fire();
      this.onTunnelDied(tunnel.program, tunnel.url, exit);
    });
    this.s.log.info(`Started ${choice.program} (pid ${String(tunnel.pid)}) for the webhook server: ${tunnel.url}.`);
    this.changed.fire();
    return tunnel.url;
  }

  private async stopTunnel(): Promise<void> {
    const tunnel = this.tunnelProcess;
    this.tunnelProcess = undefined;
    if (!tunnel) return;
    await tunnel.stop();
    this.s.log.info(`Stopped ${tunnel.program} (pid ${String(tunnel.pid)}).`);
  }

  /** The NCCO file of the setting vonage.webhooks.nccoFile: absolute, or relative to the first workspace folder. */
  nccoFile(): { name: string; path?: string } {
    const setting = (vscode.workspace.getConfiguration('vonage.webhooks').get<string>('nccoFile') || 'ncco.json').trim();
    if (path.isAbsolute(setting)) return { name: path.basename(setting), path: setting };
    const folder = vscode.workspace.workspaceFolders?.[0];
    return { name: setting, path: folder ? path.join(folder.uri.fsPath, setting) : undefined };
  }

  private async answerFromFile(req: CallbackRequest): Promise<CallbackAnswer> {
    const file = this.nccoFile();
    if (!file.path) {
      const note = `No folder is open, so there is no ${file.name} to answer with: open your project's folder.`;
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(talkNcco('This call reached Visual Studio Code, but no folder is open there to answer with.')), source: 'no-ncco-file', note };
    }
    const answer = await nccoFileAnswer(file.path, file.name, req);
    if (answer.source === 'no-ncco-file') this.offerNewFile(file.name, file.path, answer.note);
    if (answer.source === 'bad-ncco-file' && answer.note !== this.lastFileProblem) {
      this.lastFileProblem = answer.note;
      void this.s.ui().warn(`${answer.note} The call heard a short message saying so.`);
    }
    if (answer.source === 'ncco-file') this.lastFileProblem = undefined;
    return answer;
  }

  /** No NCCO file: said once per server run, with the command that writes one (there, at the setting's path). */
  private offerNewFile(name: string, file: string, note: string | undefined): void {
    if (this.offeredNewFile) return;
    this.offeredNewFile = true;
    const create = `Create ${name}`;
    void this.s.ui().info(`${note ?? `There is no ${name}.`} The call heard a short message saying so.`, create)
      .then((choice) => choice === create ? vscode.commands.executeCommand(NEW_NCCO_COMMAND, { file }) : undefined)
      .then(undefined, (e: unknown) => this.s.log.error('Creating the NCCO file failed', e));
  }

  /**
   * Where a callback goes on your server: the path of the webhook's original address. A webhook with none (it had
   * no address before the routing, or the application is not routed here any more) is answered here instead of
   * being sent to a path made up for it, which your server would not know (404).
   */
  private forwardPath(req: CallbackRequest): { path: string } | { answerHere: string } {
    const entry = this.routes.ownedEntry(req.applicationId);
    const name = webhookOfKind(req.kind);
    const webhook = entry?.webhooks.find((w) => w.webhook === name);
    const label = webhookLabel(name);
    if (!webhook) return { answerHere: `Not forwarded: this application's webhooks are not routed here any more, so the path of its ${label} on your server is not known. Answered here.` };
    if (webhook.original === null) return { answerHere: `Not forwarded: the ${label} of this application had no address before it was routed here, so your server has no path for it. Answered here.` };
    try {
      return { path: new URL(webhook.original).pathname };
    } catch {
      return { answerHere: `Not forwarded: the original ${label} of this application, ${webhook.original}, is not an address this editor can read. Answered here.` };
    }
  }

  /** The signature check with the secret of the account the application was routed from (else the active one). */
  private async check(req: CallbackRequest, authorization: string | undefined): Promise<SignatureCheck> {
    const entry = this.routes.ownedEntry(req.applicationId);
    const baseUrl = entry?.baseUrl ?? this.s.session.baseUrl;
    const apiKey = entry?.apiKey ?? (await this.s.store.accountLabels(baseUrl))?.find((a) => a.active)?.apiKey;
    if (!apiKey) return authorization ? unchecked('no Vonage account is signed in to check it against') : { verdict: 'unsigned' };
    const checked = checkSignature({ ...req, authorization }, { secret: await this.secrets.get(baseUrl, apiKey), apiKey });
    if (checked.verdict === 'unchecked') this.sayNotChecked(apiKey);
    return checked;
  }

  /** The setting vonage.webhooks.rejectInvalidSignatures (read each time: a change applies to the next callback). */
  private rejectingInvalidSignatures(): boolean {
    return vscode.workspace.getConfiguration('vonage.webhooks').get<boolean>('rejectInvalidSignatures') === true;
  }

  /** Signed callbacks and no secret to check them with: said once per account and server run, with Set Signature Secret. */
  private sayNotChecked(apiKey: string): void {
    if (this.saidNotChecked.has(apiKey)) return;
    this.saidNotChecked.add(apiKey);
    const then = this.rejectingInvalidSignatures() ? 'vonage.webhooks.rejectInvalidSignatures is on, so they are answered 401 until you set it.' : 'Set it from the dashboard\'s settings page.';
    const set = 'Set Signature Secret';
    void this.s.ui().warn(`Callbacks for the account ${apiKey} are signed, but no signature secret is set in this editor, so their signatures are not checked (marked ?). ${then}`, set)
      .then((choice) => choice === set ? vscode.commands.executeCommand('vonage.setSignatureSecret') : undefined)
      .then(undefined, (e: unknown) => this.s.log.error('Setting the signature secret failed', e));
  }

  private recorded(record: CallbackRecord): void {
    this.callbacks.add(record);
    this.callbackCount++;
    this.changed.fire();
    const { request: r, answer: a, signature: sig } = record;
    this.s.log.debug(`Webhook ${r.kind} of application ${r.applicationId}: answered ${a.status} (${a.source}), signature ${sig.verdict}.`);
    if (a.source === 'forwarded') this.lastForwardProblem = undefined;
    if (a.source === 'forward-failed' && a.note && a.note !== this.lastForwardProblem) {
      this.lastForwardProblem = a.note; // said once, until forwarding works again
      void this.s.ui().warn(a.note);
    }
  }
}
