// Drives a real VS Code workbench (code-server 4.100.3 in headless Debian Chromium) like a person:
// command palette, quick inputs, tree rows, the editor's DOM. Shared by the UI tests (test/ui/*.test.ts)
// and the README screenshot script (scripts/screenshots.ts). The moving parts (install, isolated
// start, ports, Chromium flags, process-tree kill) come from test/host/codeServer.ts.
//
// Unlike the integration runner, the workbench URL carries only extensionDevelopmentPath (no
// extensionTestsPath), so the workbench stays interactive and nothing runs inside it but the extension.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, HostError, REPO_ROOT, ensureCodeServer, ensureDebianPrerequisites, freePort, isolatedEnv,
  killProcessTreeSync, makeIsolatedDirs, startCodeServer, writeUserSettings, type CodeServer, type IsolatedDirs,
} from '../host/codeServer';
import { startSandbox, type VonageSandbox } from '../sandbox';

export { REPO_ROOT };

let built = false;
/** Bundles the extension into dist/ (once per process; SKIP_BUILD=1 skips it). */
export function buildExtension(): void {
  if (built || process.env.SKIP_BUILD) return;
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new HostError(`node esbuild.js failed (exit ${String(r.status ?? r.signal)}):\n${r.stdout}${r.stderr}`, 1);
  built = true;
}

export interface WorkbenchOptions {
  /** Prefix of the temp run folder, e.g. 'vonage-ui-'. */
  prefix: string;
  /** Extra user settings (the sandbox URL and the host's offline settings are always there). */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /** Logs browser console lines and page errors (also with env VERBOSE=1). */
  verbose?: boolean;
}

/** Everything one run has started; close() stops all of it. */
export class Workbench {
  private closed = false;
  private readonly onExit = () => killProcessTreeSync(this.server?.process);

  private constructor(
    readonly dirs: IsolatedDirs,
    readonly sandbox: VonageSandbox,
    private server: CodeServer | undefined,
    private browser: Browser | undefined,
    private pageOrUndefined: Page | undefined,
  ) {
    process.once('exit', this.onExit);
  }

  get page(): Page {
    if (!this.pageOrUndefined) throw new Error('The workbench page is not open.');
    return this.pageOrUndefined;
  }

  get runDir(): string { return this.dirs.root; }
  get codeServerLog(): string { return path.join(this.dirs.root, 'code-server.log'); }

  /**
   * Builds nothing (call buildExtension first); starts the sandbox, code-server with isolated user data
   * pointing `vonage.apiBaseUrl` at the sandbox, and Chromium; opens the workbench with the extension
   * loaded from the repository, and waits until the workbench is up.
   */
  static async open(opts: WorkbenchOptions): Promise<Workbench> {
    ensureDebianPrerequisites({ chromium: true });
    const entry = ensureCodeServer();
    const dirs = makeIsolatedDirs(opts.prefix);
    const sandbox = await startSandbox();
    const wb = new Workbench(dirs, sandbox, undefined, undefined, undefined);
    try {
      writeUserSettings(dirs, { 'vonage.apiBaseUrl': sandbox.url, 'vonage.restBaseUrl': sandbox.url, ...opts.settings });
      const env = isolatedEnv(dirs);
      const port = await freePort();
      wb.server = await startCodeServer({ entry, port, dirs, env, logFile: wb.codeServerLog });
      const { chromium } = await import('playwright-core');
      wb.browser = await chromium.launch({
        executablePath: CHROMIUM, headless: true, env, args: CHROMIUM_ARGS,
        handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // close() stops it, in order
      });
      const page = wb.pageOrUndefined = await wb.browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
      const verbose = opts.verbose ?? Boolean(process.env.VERBOSE);
      page.on('pageerror', (e) => { if (verbose) console.log(`  [page error] ${e.message}`); });
      if (verbose) page.on('console', (m) => console.log(`  [browser ${m.type()}] ${m.text()}`));
      await page.goto(wb.server.url({ folder: dirs.workspace, extensionDevelopmentPath: REPO_ROOT }));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.statusbar').waitFor({ timeout: 60_000 });
      return wb;
    } catch (e) {
      await wb.close(true);
      throw e;
    }
  }

  /** A PNG of the whole page into the run folder (or `file`); returns its path, or undefined when it failed. */
  async screenshot(name: string, file = path.join(this.dirs.root, name)): Promise<string | undefined> {
    try {
      await this.page.screenshot({ path: file });
      return file;
    } catch {
      return undefined;
    }
  }

  /** Stops the browser, code-server (its whole process tree) and the sandbox; removes the run folder unless `keep`. */
  async close(keep = false): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser?.close().catch(() => undefined);
    await this.server?.stop();
    await this.sandbox.stop().catch(() => undefined);
    process.removeListener('exit', this.onExit);
    if (!keep && !process.env.KEEP_RUN_DIR) fs.rmSync(this.dirs.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

// ---------------------------------------------------------------------------------------------
// One UI suite: a workbench for the describe block, steps that build on each other

export interface UiSuite {
  /** The workbench (after `before`). */
  readonly wb: Workbench;
  /** The person at its keyboard (after `before`). */
  readonly me: Person;
}

/**
 * Registers the hooks every UI suite needs in the current describe block: build and open a workbench
 * (with `settings`), skip the remaining steps once one failed (each builds on the one before), on a
 * failure a screenshot and where to look, and close everything at the end (keeping the run folder
 * when something failed). `prepare` runs once the workbench is open.
 */
export function uiSuite(prefix: string, settings: Record<string, unknown> = {}, prepare?: (suite: UiSuite) => Promise<void> | void): UiSuite {
  let wb: Workbench | undefined;
  let me: Person | undefined;
  let failed = false;
  const suite: UiSuite = {
    get wb() { if (!wb) throw new Error('The workbench is not open.'); return wb; },
    get me() { if (!me) throw new Error('The workbench is not open.'); return me; },
  };
  before(async function () {
    this.timeout(10 * 60_000); // a first run installs code-server (~2 minutes)
    buildExtension();
    wb = await Workbench.open({ prefix, settings: { 'workbench.tips.enabled': false, ...settings } });
    me = new Person(wb.page, (line) => console.log(`      ${line}`));
    await prepare?.(suite);
  });
  beforeEach(function () {
    if (failed) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !wb) return;
    failed = true;
    console.log(`      screenshot of the failure: ${await wb.screenshot(`failure-${Date.now()}.png`) ?? '(could not take one)'}`);
    console.log(`      quick input showed: ${await me?.quickInputText().catch(() => '?') ?? '?'}`);
    console.log(`      code-server log: ${wb.codeServerLog}`);
  });
  after(async function () {
    this.timeout(60_000);
    await wb?.close(failed); // keep the run folder (screenshots, logs) when something failed
    if (failed && wb) console.log(`      run folder kept: ${wb.runDir}`);
  });
  return suite;
}

/**
 * Where a UI test writes a README screenshot: docs/images/<name> with UPDATE_SCREENSHOTS=1 (or from
 * `npm run screenshots`), else the run folder — so `npm test` leaves the working tree as it was.
 */
export function readmeShot(wb: Workbench, name: string): string {
  const file = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'images', name) : path.join(wb.runDir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

// ---------------------------------------------------------------------------------------------
// A person at the keyboard

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The little of the DOM that the functions run inside the page (page.evaluate / waitForFunction) use.
// Declared here, module-scoped, because the project compiles without the DOM library.
interface DomElement {
  readonly innerText: string; readonly style: { display: string }; readonly offsetParent: unknown; readonly placeholder?: string;
  querySelector(selector: string): DomElement | null; getAttribute(name: string): string | null;
}
declare const document: { querySelector(selector: string): DomElement | null };

/** What a person does in the workbench, each step waiting for what they would wait for on screen. */
export class Person {
  constructor(readonly page: Page, private readonly say: (line: string) => void = () => undefined) {}

  get quickInput(): Locator { return this.page.locator('.quick-input-widget'); }
  get quickInputBox(): Locator { return this.page.locator('.quick-input-widget .quick-input-box input'); }
  get sidebar(): Locator { return this.page.locator('.part.sidebar'); }

  /**
   * F1, type the command's title, pick it. Contributed commands can be missing from the first queries
   * after the workbench loads (the extension host is still starting): retry for up to `timeoutMs`.
   */
  async palette(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      await this.openPalette();
      await this.quickInputBox.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row')
        .filter({ has: this.page.getByText(title, { exact: true }) }).first();
      try {
        await row.waitFor({ timeout: 3000 });
        await row.click();
        return;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`The command palette never listed "${title}" (${attempt} tries): ${(e as Error).message}`, { cause: e });
        this.say(`palette: "${title}" not listed yet, retry ${attempt}`);
        await this.page.keyboard.press('Escape');
        await sleep(1000);
      }
    }
  }

  private async openPalette(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      if (await this.quickInputBox.isVisible() && (await this.quickInputBox.inputValue()).startsWith('>')) return;
      if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      await sleep(300);
    }
    throw new Error('F1 did not open the command palette.');
  }

  /**
   * Waits until the open quick input (input box or pick) shows `text` — in its title, prompt, message or
   * placeholder. That is how a person knows which question is being asked.
   */
  async waitForQuestion(text: string, timeoutMs = 30_000): Promise<void> {
    try {
      await this.page.waitForFunction((wanted) => {
        const widget = document.querySelector('.quick-input-widget');
        if (!widget || widget.style.display === 'none' || !widget.offsetParent) return false;
        const input = widget.querySelector('.quick-input-box input');
        const hay = `${widget.innerText}\n${input?.placeholder ?? ''}\n${input?.getAttribute('aria-label') ?? ''}`;
        return hay.includes(wanted);
      }, text, { timeout: timeoutMs, polling: 100 });
    } catch (e) {
      throw new Error(`No quick input asking "${text}" appeared within ${timeoutMs / 1000} s (showing: ${JSON.stringify(await this.quickInputText())}): ${(e as Error).message}`, { cause: e });
    }
  }

  async quickInputText(): Promise<string> {
    return this.page.evaluate(() => {
      const widget = document.querySelector('.quick-input-widget');
      if (!widget || widget.style.display === 'none') return '(no quick input)';
      const input = widget.querySelector('.quick-input-box input');
      return `${widget.innerText.replace(/\s+/g, ' ').trim()} [placeholder: ${input?.placeholder ?? ''}]`;
    });
  }

  /** Answers the input box asking `question`: replaces its text with `text` and presses Enter. */
  async answer(question: string, text: string | undefined, opts: { password?: boolean } = {}): Promise<void> {
    await this.waitForQuestion(question);
    const box = this.quickInputBox;
    if (opts.password !== undefined) {
      const type = await box.getAttribute('type');
      if ((type === 'password') !== opts.password) throw new Error(`The box asking "${question}" has type=${String(type)}; expected ${opts.password ? 'a password box' : 'plain text'}.`);
    }
    if (text !== undefined) await box.fill(text);
    await box.press('Enter');
    await this.waitForQuestionGone(question);
  }

  /** In the quick pick asking `question`, picks the row whose text contains `row` (waits for the items to load). */
  async choose(question: string, row: string | RegExp): Promise<void> {
    await this.waitForQuestion(question);
    const item = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: row }).first();
    await item.waitFor({ timeout: 30_000 });
    await item.click();
    await this.waitForQuestionGone(question);
  }

  private async waitForQuestionGone(question: string): Promise<void> {
    await this.page.waitForFunction((wanted) => {
      const widget = document.querySelector('.quick-input-widget');
      if (!widget || widget.style.display === 'none' || !widget.offsetParent) return true;
      const input = widget.querySelector('.quick-input-box input');
      const hay = `${widget.innerText}\n${input?.placeholder ?? ''}`;
      return !hay.includes(wanted);
    }, question, { timeout: 30_000, polling: 100 }).catch(async () => {
      const message = await this.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');
      throw new Error(`The quick input asking "${question}" did not accept the answer${message ? `: "${message}"` : ''}.`);
    });
  }

  // -- The tutorial's steps, as a person does them (shared by the UI test and the screenshot script) --

  /** Vonage: Set API Key and Secret from the palette: the key, then the secret in a password box. */
  async signIn(apiKey: string, apiSecret: string): Promise<void> {
    await this.palette('Vonage: Set API Key and Secret');
    await this.answer('Your Vonage API key', apiKey, { password: false });
    await this.answer('Your Vonage API secret', apiSecret, { password: true });
    await this.notification(`Vonage account connected (API key ${apiKey})`);
  }

  /** Vonage: Create Application from the palette (no voice); waits for its tree row. */
  async createApplication(name: string, rtcEventUrl = ''): Promise<void> {
    await this.palette('Vonage: Create Application');
    await this.answer('Application name', name);
    await this.answer('RTC event URL', rtcEventUrl);
    await this.choose('Add the voice capability?', 'No voice');
    await this.notification(`Application "${name}" created`);
    await this.treeRow(name).waitFor({ timeout: 30_000 });
  }

  /** The application row's inline "Create User" action; expands the application and waits for the user's row. */
  async createUserFromTree(applicationName: string, userName: string, displayName: string): Promise<Locator> {
    const appRow = this.treeRow(applicationName);
    await this.inlineAction(appRow, 'Create User');
    await this.answer('User name', userName);
    await this.answer('Display name (optional)', displayName);
    await this.notification(`User "${userName}" created`);
    await this.expand(appRow);
    const userRow = this.treeRow(userName);
    await userRow.waitFor({ timeout: 30_000 });
    return userRow;
  }

  /** Vonage: Generate User JWT from the palette, answering application, user, lifetime and ACL; waits for the token in the editor. */
  async generateUserJwt(applicationName: string, userName: string, lifetime = '24 hours', acl = 'Client SDK'): Promise<void> {
    await this.palette('Vonage: Generate User JWT');
    await this.choose('Which application is the token for?', applicationName);
    await this.choose('Pick a user', userName);
    await this.choose('How long should the token live?', lifetime);
    await this.choose('Which permissions (ACL)?', acl);
    await this.waitForEditorText(JWT_PATTERN);
  }

  /** Opens the Vonage view container from the activity bar. */
  async openVonageView(): Promise<Locator> {
    const pane = this.vonageView();
    if (await pane.isVisible()) return pane;
    // The icon appears once the extension host has read the manifest: the click waits for it.
    await this.page.locator('.part.activitybar .action-item a[aria-label^="Vonage"]').first().click({ timeout: 60_000 });
    await pane.waitFor({ timeout: 30_000 });
    return pane;
  }

  /** The sidebar's Vonage view container (it holds the Applications view). */
  vonageView(): Locator {
    return this.sidebar.locator('[id="workbench.view.extension.vonage"]');
  }

  /** Drags the sidebar's edge to `width` pixels (for a picture where descriptions fit). */
  async widenSidebar(width: number): Promise<void> {
    const box = await this.sidebar.boundingBox();
    if (!box || box.width >= width) return;
    const edge = box.x + box.width;
    await this.page.mouse.move(edge - 1, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Expands a collapsed section of the Vonage view container (e.g. "Numbers") by its header. */
  async openSection(name: string): Promise<void> {
    const header = this.vonageView().locator('.pane-header').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(name)}`, 'i') }).first();
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    for (const deadline = Date.now() + 10_000; (await header.getAttribute('aria-expanded')) !== 'true'; await sleep(100)) {
      if (Date.now() > deadline) throw new Error(`The ${name} section did not open.`);
    }
  }

  /** The tree row whose label is exactly `label`. */
  treeRow(label: string): Locator {
    return this.sidebar.locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
  }

  /** Hovers the row and clicks its inline action titled `action` (e.g. "Create User"). */
  async inlineAction(row: Locator, action: string): Promise<void> {
    await row.hover();
    const button = row.locator(`.actions .action-label[aria-label="${action}"], .actions .action-label[title="${action}"]`).first();
    await button.waitFor({ timeout: 10_000 });
    await button.click();
  }

  /** Expands a collapsed tree row (a click on its twistie). */
  async expand(row: Locator): Promise<void> {
    if ((await row.getAttribute('aria-expanded')) === 'true') return;
    await row.locator('.monaco-tl-twistie').click();
    for (const deadline = Date.now() + 10_000; (await row.getAttribute('aria-expanded')) !== 'true'; await sleep(100)) {
      if (Date.now() > deadline) throw new Error('The tree row did not expand.');
    }
  }

  /** Waits until the active editor's text matches `pattern` (also across the breaks of a wrapped line). */
  async waitForEditorText(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    await this.page.waitForFunction(([source, flags]) => {
      const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
      if (!lines) return false;
      const re = new RegExp(source, flags);
      return re.test(lines.innerText) || re.test(lines.innerText.replace(/\n/g, '')); // word wrap splits a long line
    }, [pattern.source, pattern.flags] as const, { timeout: timeoutMs, polling: 100 });
  }

  /** The text of the visible editor's lines (Monaco renders non-breaking spaces; they become spaces). */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.editor-instance .monaco-editor .view-lines').first();
    return (await lines.innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * Waits for a notification whose text matches and returns its text: a toast, or — when the workbench
   * did not show it as a toast (at most three toasts at a time; purgeable ones time out) — the entry in
   * the notification center.
   */
  async notification(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const toast = this.page.locator('.notification-toast').filter({ hasText: text }).first();
    const listed = this.page.locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
    const deadline = Date.now() + timeoutMs;
    for (let centerChecked = Date.now() + 5000; Date.now() < deadline; await sleep(200)) {
      if (await toast.isVisible()) return (await toast.innerText()).replace(/\s+/g, ' ').trim();
      if (Date.now() > centerChecked) {
        centerChecked = Date.now() + 5000;
        await this.page.keyboard.press('Escape').catch(() => undefined);
        await this.palette('Notifications: Show Notifications');
        const found = await listed.waitFor({ timeout: 1000 }).then(() => true, () => false);
        const textOf = found ? (await listed.innerText()).replace(/\s+/g, ' ').trim() : '';
        await this.palette('Notifications: Hide Notifications');
        if (found) {
          this.say(`notification "${String(text)}" was not a toast; found it in the notification center`);
          return textOf;
        }
      }
    }
    throw new Error(`No notification matching ${String(text)} within ${timeoutMs / 1000} s.`);
  }

  /** In the modal dialog saying `message`, clicks the button `button` (e.g. "Buy"); returns the dialog's text. */
  async confirmDialog(message: string | RegExp, button: string, timeoutMs = 30_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: message }).first();
    await dialog.waitFor({ timeout: timeoutMs });
    const text = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
    await dialog.locator('.dialog-buttons .monaco-button').filter({ hasText: new RegExp(`^${escapeRegExp(button)}$`) }).first().click();
    await dialog.waitFor({ state: 'detached', timeout: timeoutMs });
    return text;
  }

  /** Closes every notification toast on screen. */
  async clearNotifications(): Promise<void> {
    await this.palette('Notifications: Clear All Notifications').catch(() => undefined);
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The JSON payload of a JWT (no signature check: the test compares claims with the sandbox's state). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`Not a JWT (expected three dot-separated parts): ${token.slice(0, 40)}…`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The first JWT-looking text (three base64url parts, header starting eyJ) in `text`. */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
