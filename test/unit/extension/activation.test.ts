// activate() must not load the core's heavy dependencies (node-fetch, jsonwebtoken): they load on first
// use. Checked on the bundle, built as esbuild.js builds it (so lazy `import()`s are judged as esbuild
// turns them into code), except that node-fetch and jsonwebtoken stay external: then every load of
// them is a `require` this test sees. The bundle runs against a stub `vscode` module.
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

function fakeVscode(commands: Map<string, (arg?: unknown) => unknown>): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of vscodeNames()) api[name] = stub();
  return Object.assign(api, {
    EventEmitter,
    commands: {
      registerCommand: (id: string, fn: (arg?: unknown) => unknown) => { commands.set(id, fn); return { dispose: () => undefined }; },
      executeCommand: () => Promise.resolve(undefined),
    },
    workspace: Object.assign(stub() as object, { // anything else of workspace (events, providers) is a stub too
      getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }),
      onDidChangeConfiguration: () => ({ dispose: () => undefined }),
      textDocuments: [],
    }),
  });
}

describe('extension: activation', () => {
  let code: string;

  before(async function () {
    this.timeout(60000);
    const result = await esbuild.build({
      entryPoints: [path.join(ROOT, 'src', 'extension.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['vscode', ...HEAVY],
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
  });

  /** Runs the bundle's activate() with `vscode` as the vscode module and `secrets` as SecretStorage; `loaded` records heavy requires. */
  function activateBundle(vscode: Record<string, unknown>, secrets: Record<string, unknown>, loaded: string[] = []) {
    const original = moduleInternals._load;
    moduleInternals._load = function (request, parent, isMain) {
      if (request === 'vscode') return vscode;
      if (HEAVY.includes(request)) loaded.push(request);
      return original.call(this, request, parent, isMain);
    };
    const restore = () => { moduleInternals._load = original; };
    try {
      const filename = path.join(ROOT, 'dist', 'activation-check.js'); // never written: only names where requires resolve from
      const m = new Module(filename) as Module & { _compile(code: string, filename: string): void; paths: string[] };
      m.filename = filename;
      m.paths = moduleInternals._nodeModulePaths(path.dirname(filename));
      m._compile(code, filename);
      const ext = m.exports as { activate(context: unknown): unknown };
      const context = { subscriptions: [] as unknown[], secrets, extension: { packageJSON: { version: '0.0.0-test' } } };
      return { api: ext.activate(context) as { tree?: unknown }, restore };
    } catch (e) {
      restore();
      throw e;
    }
  }

  const noSecrets = { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: () => ({ dispose: () => undefined }) };

  it('activate() loads neither node-fetch nor jsonwebtoken; the first command that needs the core does', async () => {
    for (const name of HEAVY) assert.match(code, new RegExp(`require\\("${name}"\\)`), `the bundle requires ${name} somewhere`);
    const loaded: string[] = [];
    const commands = new Map<string, (arg?: unknown) => unknown>();
    const { api, restore } = activateBundle(fakeVscode(commands), noSecrets, loaded);
    try {
      assert.ok(api.tree, 'activate() returned the extension API');
      assert.ok(commands.has('vonage.createApplication'), 'commands are registered');
      await new Promise((r) => setImmediate(r));
      assert.equal(loaded.join(', '), '', 'nothing heavy loaded at activation');

      // The control: the hook does see the core load when a command needs it (then fails: not signed in).
      await assert.rejects(Promise.resolve(commands.get('vonage.createApplication')!({ name: 'x' })), /No Vonage API key and secret are set/);
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
