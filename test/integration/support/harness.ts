// Shared harness for the extension-UI suites: the running extension's API, a sandbox per suite (its
// own base URL, hence its own SecretStorage namespace), queued prompt answers, and a record of every
// secret a suite used so the last suite can check the log holds none of them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSandbox, type VonageSandbox } from '../../sandbox';
import type { VonageExtensionApi } from '../../../src/extension';
import type { Ui, PickItem, InputOptions, PickOptions } from '../../../src/ui/prompts';

export const EXTENSION_ID = 'vonage-credentials-dev.vonage-credentials';

/** Every secret value a suite used: the last suite asserts none reached the log. */
export const usedSecrets = new Set<string>();

export async function extensionApi(): Promise<VonageExtensionApi> {
  const ext = vscode.extensions.getExtension<VonageExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api && typeof api.logText === 'function' && api.tree, 'activate() must return the VonageExtensionApi');
  return api;
}

export async function setConfig(key: string, value: unknown): Promise<void> {
  const [section, ...rest] = key.split('.');
  await vscode.workspace.getConfiguration(section).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
}

export interface Env { api: VonageExtensionApi; sandbox: VonageSandbox; baseUrl: string }

/** Starts a sandbox, points vonage.apiBaseUrl at it, and (unless told not to) signs in through the command. */
export async function startEnv(opts: { signIn?: boolean } = {}): Promise<Env> {
  const api = await extensionApi();
  const sandbox = await startSandbox();
  usedSecrets.add(sandbox.apiSecret);
  await setConfig('vonage.apiBaseUrl', sandbox.url);
  await setConfig('vonage.restBaseUrl', sandbox.url);
  await setConfig('vonage.requestTimeoutSeconds', undefined);
  api.setUi(undefined);
  if (opts.signIn !== false) {
    await vscode.commands.executeCommand('vonage.setCredentials', { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret });
  }
  return { api, sandbox, baseUrl: sandbox.url };
}

export async function stopEnv(env: Env | undefined): Promise<void> {
  if (!env) return;
  env.api.setUi(undefined);
  await env.sandbox.stop();
}

/** Runs a command in its argument form. */
export function run<T = unknown>(command: string, args?: unknown): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, args));
}

/** Runs a command as a person would, its prompts answered by `ui`; the real prompts come back even when it throws. */
export async function byHand<T = unknown>(env: Env, ui: Ui, command: string, ...args: unknown[]): Promise<T> {
  env.api.setUi(ui);
  try {
    return await vscode.commands.executeCommand<T>(command, ...args);
  } finally {
    env.api.setUi(undefined);
  }
}

/** Asserts that the command rejects with an error whose message matches, and returns it. */
export async function runFails(command: string, args: unknown, message: RegExp, kind?: string): Promise<Error & { kind?: string; name: string }> {
  let caught: unknown;
  try {
    await vscode.commands.executeCommand(command, args);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `${command} should have failed with ${String(message)}`);
  assert.match(caught.message, message);
  const err = caught as Error & { kind?: string };
  if (kind) assert.strictEqual(err.kind, kind, `kind of "${caught.message}"`);
  return err;
}

/** A node's label as text. */
export function labelOf(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : node.label?.label ?? '';
}

/** The root children of the Applications view, fetched fresh. */
export async function rootChildren(api: VonageExtensionApi): Promise<vscode.TreeItem[]> {
  return await api.tree.getChildren();
}

export async function applicationNode(api: VonageExtensionApi, id: string): Promise<vscode.TreeItem> {
  const nodes = await rootChildren(api);
  const node = nodes.find((n) => n.id === `app:${id}`);
  assert.ok(node, `no tree node for application ${id}; have ${nodes.map((n) => String(n.id)).join(', ')}`);
  return node;
}

export const BACK = Symbol('back');
export const CANCEL = Symbol('cancel');
/** Answers an input box with what it offers (a person pressing Enter). */
export const ENTER = Symbol('enter');
type Answer = unknown;

/**
 * Prompts that answer from a queue: each input/pick takes the next answer (a value, BACK or
 * CANCEL); for a pick the answer may also be a function choosing among the items. Every prompt
 * and message is recorded.
 */
export class QueuedUi implements Ui {
  readonly asked: { type: string; title?: string; step?: number; totalSteps?: number; text?: string; offered?: string; items?: string[]; validation?: string }[] = [];
  readonly messages: { level: 'info' | 'warn' | 'error' | 'confirm'; text: string; detail?: string; actions: string[] }[] = [];
  constructor(private readonly answers: Answer[] = [], private readonly confirmAnswer: (message: string) => string | undefined = () => undefined) {}

  private next(): Answer {
    if (!this.answers.length) throw new Error(`QueuedUi: no answer left for prompt #${this.asked.length}: ${JSON.stringify(this.asked[this.asked.length - 1])}`);
    const a = this.answers.shift();
    if (a === BACK) { const e = new Error('Back'); e.name = 'BackRequested'; throw e; }
    if (a === CANCEL) throw new vscode.CancellationError();
    return a;
  }

  get pending(): number { return this.answers.length; }

  async input(opts: InputOptions): Promise<string> {
    const record: QueuedUi['asked'][number] = { type: 'input', title: opts.title, step: opts.step, totalSteps: opts.totalSteps, text: opts.prompt, offered: opts.value };
    this.asked.push(record);
    const take = () => { const a = this.next(); return a === ENTER ? opts.value ?? '' : a; };
    let value = take();
    while (typeof value === 'string' && opts.validate) {
      const problem = await opts.validate(value);
      if (!problem) break;
      record.validation = problem;
      value = take(); // a person would fix the value: take the next answer
    }
    return String(value);
  }

  async pick<T>(items: PickItem<T>[] | Promise<PickItem<T>[]>, opts: PickOptions<T>): Promise<T> {
    const list = await items;
    this.asked.push({ type: 'pick', title: opts.title, step: opts.step, totalSteps: opts.totalSteps, text: opts.placeholder, items: list.map((i) => i.label) });
    const a = this.next();
    if (typeof a === 'function') return (a as (items: PickItem<T>[]) => T)(list);
    if (typeof a === 'string' && opts.typed && !list.some((i) => i.label.includes(a))) return opts.typed(a)!.value;
    const found = list.find((i) => i.value === a || (typeof a === 'string' && i.label.includes(a)));
    assert.ok(found, `QueuedUi: no item matches ${String(a)} in ${list.map((i) => i.label).join(' | ')}`);
    return found.value;
  }

  confirm(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined> {
    this.messages.push({ level: 'confirm', text: message, detail, actions: buttons });
    return Promise.resolve(this.confirmAnswer(message));
  }
  info(text: string, ...actions: string[]) { return this.message('info', text, actions); }
  warn(text: string, ...actions: string[]) { return this.message('warn', text, actions); }
  error(text: string, ...actions: string[]) { return this.message('error', text, actions); }
  openFile() { return Promise.resolve(this.next() as vscode.Uri | undefined); }
  saveFile() { return Promise.resolve(this.next() as vscode.Uri | undefined); }

  private message(level: 'info' | 'warn' | 'error', text: string, actions: string[]): Promise<string | undefined> {
    this.messages.push({ level, text, actions });
    return Promise.resolve(undefined);
  }
}

/** Waits until the condition holds (tree refreshes and notifications are asynchronous). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for: ${what}`);
}

/** Resolves with the promise's value, or undefined after ms (for browser-side features like the clipboard). */
export function within<T>(p: Thenable<T>, ms: number): Promise<T | undefined> {
  return Promise.race([Promise.resolve(p), new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);
}

/** Does something "elsewhere": straight to the sandbox's API, not through the extension. */
export async function deleteElsewhere(sandbox: VonageSandbox, path: string): Promise<number> {
  const auth = Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64');
  const res = await fetch(`${sandbox.url}${path}`, { method: 'DELETE', headers: { authorization: `Basic ${auth}` } });
  return res.status;
}

/** Calls the sandbox's Applications API "elsewhere" (not through the extension) and returns status and JSON body. */
export async function applicationsApiElsewhere<T = Record<string, unknown>>(sandbox: VonageSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const auth = Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64');
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Basic ${auth}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
