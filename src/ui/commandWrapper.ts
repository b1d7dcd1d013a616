import vscode = require('vscode');
import type { Log } from './log';
import { isBack, type Ui } from './prompts';
import { isCancellation, VonageApiError, VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { AccountNotStoredError, MissingPrivateKeyError, NotSignedInError, DASHBOARD_SETTINGS_URL } from '../credentials/session';

/** How a command was invoked: with a plain argument object (script, test, keybinding) or by a person. */
export interface Invocation {
  /** True when the command got a plain argument object: then it prompts only for what is missing and errors are thrown to the caller. */
  readonly scripted: boolean;
  readonly ui: Ui;
  readonly log: Log;
}

/**
 * A plain object literal (not a tree node or other class instance) is the argument form. With
 * `interactive: true` it only pre-fills prompts (used by our own follow-up actions).
 */
export function isPlainArgs(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && Object.getPrototypeOf(arg) === Object.prototype;
}

/**
 * True for every way a person can say "stop": a dismissed prompt or Back (the UI's part), a
 * cancelled progress or an aborted request (the core's isCancellation).
 */
export function isCancelled(e: unknown): boolean {
  return e instanceof vscode.CancellationError || isBack(e) || isCancellation(e);
}

/** Whether an account is signed in at the configured base URL (the session answers it). */
export interface AccountCheck {
  readonly baseUrl: string;
  isSignedIn(baseUrl: string): Promise<boolean>;
}

/** What the wrapper needs: the prompts in use, the log, and the account check. */
export interface CommandDeps {
  ui: () => Ui;
  log: Log;
  session: AccountCheck;
}

export interface CommandOptions {
  /**
   * The command needs no signed-in account: it signs in, works on local files, or signs with a private key
   * this VS Code keeps. Every other command checks first and, signed out, says so (with Set API Key and
   * Secret) before its first question, instead of asking everything and failing at the end.
   */
  readonly worksSignedOut?: boolean;
}

/**
 * The one wrapper every command runs through. A command that needs an account checks for one first.
 * Cancellation is silent. Other errors: full details to the log; a person gets one short specific
 * sentence (with a follow-up action where there is one); a scripted caller gets the error thrown (its
 * message is that same sentence).
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  id: string,
  deps: CommandDeps,
  handler: (arg: unknown, inv: Invocation) => Promise<unknown>,
  options: CommandOptions = {},
): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, async (arg: unknown) => {
    const inv: Invocation = { scripted: isPlainArgs(arg) && arg.interactive !== true, ui: deps.ui(), log: deps.log };
    try {
      if (!options.worksSignedOut) await requireAccount(deps.session);
      return await handler(arg, inv);
    } catch (e) {
      if (isCancelled(e)) {
        deps.log.debug(`${id}: cancelled`);
        return undefined;
      }
      logFailure(deps.log, id, e);
      if (inv.scripted) throw e;
      present(e, inv.ui).then(undefined, (err: unknown) => deps.log.error(`${id}: showing the error (or running its action) failed`, err));
      return undefined;
    }
  }));
}

/**
 * A refusal the command itself decided (signed out, no private key here, input that cannot be right) is one
 * warning line: its sentence is the whole story. Anything else is an error with its details and stack.
 */
function logFailure(log: Log, id: string, e: unknown): void {
  if (isExpectedRefusal(e)) log.warn(`${id}: ${(e as Error).message}`);
  else log.error(`${id} failed`, e);
}

function isExpectedRefusal(e: unknown): boolean {
  return e instanceof VonageInputError || e instanceof NotSignedInError || e instanceof AccountNotStoredError || e instanceof MissingPrivateKeyError;
}

/** Signed out at the configured base URL: the one sentence (with its action) every account command starts with. */
async function requireAccount(session: AccountCheck): Promise<void> {
  const baseUrl = session.baseUrl;
  if (!await session.isSignedIn(baseUrl)) throw new NotSignedInError(baseUrl);
}

const RETRY = Symbol('vonage.retry');
interface Retry { command: string; args: Record<string, unknown> }

/**
 * Marks an error so that a person is offered "Try Again": the command runs again with `args` and
 * `interactive: true`, i.e. every prompt shown again, prefilled with what they typed before.
 */
export function offerRetry<E extends Error>(e: E, command: string, args: Record<string, unknown>): E {
  (e as E & { [RETRY]?: Retry })[RETRY] = { command, args };
  return e;
}

function retryOf(e: unknown): Retry | undefined {
  return typeof e === 'object' && e !== null ? (e as { [RETRY]?: Retry })[RETRY] : undefined;
}

const ACTION = Symbol('vonage.action');
interface FixAction { title: string; command: string; args: Record<string, unknown> }

/**
 * Marks an error with the action that fixes it (Add the Voice Capability, Link a Number…): a person gets it as
 * the message's button, which runs `command` with `args` and `interactive: true` (its prompts shown, prefilled).
 */
export function offerAction<E extends Error>(e: E, title: string, command: string, args: Record<string, unknown>): E {
  (e as E & { [ACTION]?: FixAction })[ACTION] = { title, command, args };
  return e;
}

function actionOf(e: unknown): FixAction | undefined {
  return typeof e === 'object' && e !== null ? (e as { [ACTION]?: FixAction })[ACTION] : undefined;
}

const TRY_AGAIN = 'Try Again';
const SET_CREDENTIALS = 'Set API Key and Secret';
const IMPORT_KEY = 'Import Private Key';
const OPEN_SETTINGS = 'Open Dashboard Settings';
const SHOW_LOG = 'Show Log';

/** Shows the error as one sentence with the action that fixes it. */
export async function present(e: unknown, ui: Ui): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof NotSignedInError) {
    if (await ui.error(message, SET_CREDENTIALS) === SET_CREDENTIALS) await vscode.commands.executeCommand('vonage.setCredentials');
    return;
  }
  if (e instanceof MissingPrivateKeyError) {
    if (await ui.error(message, IMPORT_KEY) === IMPORT_KEY) await vscode.commands.executeCommand('vonage.importPrivateKey', { applicationId: e.applicationId, interactive: true });
    return;
  }
  const kind = (e as { kind?: unknown } | undefined)?.kind;
  const retry = retryOf(e);
  if (kind === 'unauthorized' && /\/v2\/applications|\/account\/|\/number\//.test((e as { url?: string }).url ?? '')) {
    const choice = await ui.error(message, SET_CREDENTIALS, OPEN_SETTINGS);
    if (choice === SET_CREDENTIALS) {
      const again = retry?.command === 'vonage.setCredentials' ? { ...retry.args, interactive: true } : undefined;
      await vscode.commands.executeCommand('vonage.setCredentials', again);
    }
    if (choice === OPEN_SETTINGS) await vscode.env.openExternal(vscode.Uri.parse(DASHBOARD_SETTINGS_URL));
    return;
  }
  const isKnown = e instanceof VonageApiError || e instanceof VonageInputError;
  const text = isKnown ? message : `Vonage: ${message} (details in the Vonage log)`;
  const fix = actionOf(e);
  const choice = await ui.error(text, ...(fix ? [fix.title] : []), ...(retry ? [TRY_AGAIN] : []), SHOW_LOG);
  if (choice === SHOW_LOG) vscode.commands.executeCommand('vonage.showLog').then(undefined, () => undefined);
  if (choice === TRY_AGAIN && retry) await vscode.commands.executeCommand(retry.command, { ...retry.args, interactive: true });
  if (fix && choice === fix.title) await vscode.commands.executeCommand(fix.command, { ...fix.args, interactive: true });
}
