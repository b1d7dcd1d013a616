// activate() (dist/extension.js) must load none of the features (dist/main.js), let alone the core's heavy
// dependencies (node-fetch, jsonwebtoken); a stand-in for every contributed command loads them on first
// use, and they load on their own just after activation. Checked on the two bundles, built as esbuild.js
// builds them (so lazy `import()`s are judged as esbuild turns them into code), except that node-fetch and
// jsonwebtoken stay external: then every load of them is a `require` this test sees. The bundles run
// against a stub `vscode` module.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import Module from 'node:module';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HEAVY = ['node-fetch', 'jsonwebtoken'];

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader; _nodeModulePaths(dir: string): string[] };

/** Anything: callable, constructible, extendable, every property another stub. */
function stub(): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const handler: ProxyHandler<object> = {
    get(target, p) {
      if (Reflect.has(target, p)) return Reflect.get(target, p) as unknown;
      if (p === 'then' || p === Symbol.toPrimitive) return undefined; // not a promise; not a string
      if (!cache.has(p)) cache.set(p, stub());
      return cache.get(p);
    },
    set(_target, p, value) { cache.set(p, value); return true; }, // e.g. statusBarItem.name = … (a function's own name is read-only)
    apply: () => stub(),
    construct: (_target, _args, newTarget: { prototype: object }) => new Proxy(Object.create(newTarget.prototype) as object, handler),
  };
  return new Proxy(function stubbed() { /* stub */ }, handler);
}

class EventEmitter<T> {
  private readonly listeners: ((e: T) => void)[] = [];
  readonly event = (l: (e: T) => void) => { this.listeners.push(l); return { dispose: () => undefined }; };
  fire(e: T): void { for (const l of this.listeners) l(e); }
  dispose(): void { this.listeners.length = 0; }
}

/** Every `vscode.X` the sources name (a plain object: the bundle copies the module's own keys). */
function vscodeNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bvscode\.([A-Za-z_]\w*)/g)) names.add(m[1]);
    }
  };
  walk(path.join(ROOT, 'src'));
  return [...names];
}

type Command = (...args: unknown[]) => unknown;

/** A stub `vscode` whose commands are real: registered in `commands`, run by executeCommand, gone when disposed. */
function fakeVscode(commands: Map<string, Command>): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of vscodeNames()) api[name] = stub();
  return Object.assign(api, {
    EventEmitter,
    commands: {
      registerCommand: (id: string, fn: Command) => {
        assert.ok(!commands.has(id), `command '${id}' already exists`);
        commands.set(id, fn);
        return { dispose: () => { if (commands.get(id) === fn) commands.delete(id); } };
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        const command = commands.get(id);
        if (!command) throw new Error(`command '${id}' not found`);
        return await command(...args);
      },
    },
    workspace: Object.assign(stub() as object, { // anything else of workspace (events, providers) is a stub too
      getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }),
      onDidChangeConfiguration: () => ({ dispose: () => undefined }),
      textDocuments: [],
    }),
  });
}

/** Builds one of the two bundles in memory; './main.js' (the entry's require of the other) stays a require. */
async function bundle(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', entry)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', './main.js', ...HEAVY],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Evaluates bundled code as a module of dist/ (where requires resolve from; nothing is written there). */
function evaluate(code: string, name: string): unknown {
  const filename = path.join(ROOT, 'dist', name);
  const m = new Module(filename) as Module & { _compile(code: string, filename: string): void; paths: string[] };
  m.filename = filename;
  m.paths = moduleInternals._nodeModulePaths(path.dirname(filename));
  m._compile(code, filename);
  return m.exports;
}

/** An empty Memento (global and workspace state). */
function memento(): Record<string, unknown> {
  const values = new Map<string, unknown>();
  return { get: (key: string, fallback?: unknown) => values.get(key) ?? fallback, update: (key: string, value: unknown) => { values.set(key, value); return Promise.resolve(); }, keys: () => [...values.keys()] };
}

const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };

interface ActivatedApi { tree?: unknown; featuresLoaded: boolean }

describe('extension: activation', () => {
  let entryCode: string;
  let mainCode: string;

  before(async function () {
    this.timeout(60000);
    [entryCode, mainCode] = await Promise.all([bundle('extension.ts'), bundle('main.ts')]);
  });

  /**
   * Runs the entry bundle's activate() with `vscode` as the vscode module and `secrets` as SecretStorage.
   * `loaded` records the requires that matter: the features bundle ('./main.js') and the heavy modules.
   */
  function activateBundle(vscode: Record<string, unknown>, secrets: Record<string, unknown>, loaded: string[] = []) {
    const original = moduleInternals._load;
    moduleInternals._load = function (request, parent, isMain) {
      if (request === 'vscode') return vscode;
      if (request === './main.js') {
        loaded.push(request);
        return evaluate(mainCode, 'main-check.js');
      }
      if (HEAVY.includes(request)) loaded.push(request);
      return original.call(this, request, parent, isMain);
    };
    const restore = () => { moduleInternals._load = original; };
    try {
      const ext = evaluate(entryCode, 'activation-check.js') as { activate(context: unknown): unknown };
      const context = { subscriptions: [] as unknown[], secrets, globalState: memento(), workspaceState: memento(), extension: { packageJSON: { version: '0.0.0-test', ...MANIFEST } } };
      const api = ext.activate(context) as ActivatedApi;
      const deactivate = () => { for (const d of context.subscriptions) (d as { dispose(): void }).dispose(); };
      return { api, restore: () => { deactivate(); restore(); } };
    } catch (e) {
      restore();
      throw e;
    }
  }

  const noSecrets = { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: () => ({ dispose: () => undefined }) };

  it('activate() loads none of the features, yet every contributed command answers: its stand-in loads them and runs the real one', async () => {
    assert.match(entryCode, /require\("\.\/main\.js"\)/, 'the entry requires the features bundle somewhere');
    assert.ok(entryCode.length < 30_000, `the entry bundle is ${entryCode.length} characters: it has taken in more than activation's stand-ins`);
    const loaded: string[] = [];
    const commands = new Map<string, Command>();
    const { api, restore } = activateBundle(fakeVscode(commands), noSecrets, loaded);
    try {
      assert.equal(api.featuresLoaded, false, 'activate() returned before loading the features');
      assert.equal(loaded.join(', '), '', 'nothing of the features loaded during activate()');
      const contributed = MANIFEST.contributes.commands.map((c) => c.command);
      assert.deepEqual(contributed.filter((id) => !commands.has(id)), [], 'every contributed command has a stand-in');

      const result = await Promise.resolve(commands.get('vonage.inspectJwt')!({ token: 'not a token' })).then(() => 'ran', (e: Error) => e.message);
      assert.equal(api.featuresLoaded, true, 'running a stand-in loaded the features');
      assert.equal(loaded.filter((m) => m === './main.js').length, 1, 'the features loaded once');
      assert.equal(result, 'This is not a JWT: a JWT has three parts separated by dots, this has 1.', 'the real command ran with the stand-in\'s arguments');
      assert.deepEqual(contributed.filter((id) => !commands.has(id)), [], 'every contributed command is registered by the features now');
    } finally {
      restore();
    }
  });

  it('the features load on their own just after activation; node-fetch and jsonwebtoken still only when a command needs the core', async () => {
    for (const name of HEAVY) assert.match(mainCode, new RegExp(`require\\("${name}"\\)`), `the features bundle requires ${name} somewhere`);
    const loaded: string[] = [];
    const commands = new Map<string, Command>();
    const { api, restore } = activateBundle(fakeVscode(commands), noSecrets, loaded);
    try {
      assert.ok(api.tree, 'activate() returned the extension API');
      const until = Date.now() + 5000;
      while (!api.featuresLoaded && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      assert.equal(api.featuresLoaded, true, 'the features loaded without being asked');
      await new Promise((r) => setImmediate(r));
      assert.equal(loaded.filter((m) => HEAVY.includes(m)).join(', '), '', 'nothing heavy loaded with the features');

      // The control: the hook does see the core load when a command needs it (Inspect JWT decodes with the core;
      // signed out, an account command stops at the sign-in check before it needs the core).
      await assert.rejects(Promise.resolve(commands.get('vonage.inspectJwt')!({ token: 'not a token' })), /This is not a JWT/);
      for (const name of HEAVY) assert.ok(loaded.includes(name), `${name} is loaded once a command needs the core`);
    } finally {
      restore();
    }
  });

  it('the status bar shows the active account soon after activation, the view never opened, reading no secret (none during activate())', async () => {
    const host = 'https://api.nexmo.com';
    const stored = new Map<string, string>([
      [`vonage.accountLabels:${host}`, JSON.stringify({ active: 'abcd1234', accounts: [{ label: 'Personal', apiKey: 'abcd1234' }, { label: 'Client X', apiKey: 'ef567890' }] })],
      [`vonage.accounts:${host}`, JSON.stringify({ active: 'abcd1234', accounts: [{ label: 'Personal', apiKey: 'abcd1234', apiSecret: 'never-read-secret' }, { label: 'Client X', apiKey: 'ef567890', apiSecret: 'other-secret' }] })],
    ]);
    const read: string[] = [];
    const secrets = { ...noSecrets, get: (key: string) => { read.push(key); return Promise.resolve(stored.get(key)); } };
    const item = { text: '', tooltip: '', shown: false, show() { this.shown = true; }, hide() { this.shown = false; }, dispose: () => undefined };
    const vscode = fakeVscode(new Map());
    vscode.window = Object.assign(stub() as object, { createStatusBarItem: () => item });
    const { restore } = activateBundle(vscode, secrets);
    try {
      assert.deepEqual(read, [], 'activate() itself reads nothing from SecretStorage');
      const until = Date.now() + 5000;
      while (!item.shown && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      assert.ok(item.shown, 'the status bar item is shown without the view loading');
      assert.equal(item.text, '$(account) Personal (abcd1234)');
      assert.equal(item.tooltip, `Vonage account Personal (abcd1234) at ${host}. Click to switch to one of the 1 other account stored for this host.`);
      assert.deepEqual(read, [`vonage.accountLabels:${host}`], 'only the list without secrets was read');
    } finally {
      restore();
    }
  });
});
