// `npm run test:integration`: builds the extension and the integration suites, then runs the suites
// (out/test/integration/index.js) inside a REAL VS Code extension host and exits with their result.
//
// Which VS Code:
//   default                code-server 4.100.3 (VS Code 1.100.3; installed on demand into .vscode-test/),
//                          its workbench opened in headless Debian Chromium through playwright-core.
//   VSCODE_TEST_DESKTOP=1  desktop VS Code through @vscode/test-electron (downloads VS Code; needs a
//                          machine that reaches update.code.visualstudio.com, and a display/xvfb on Linux).
//   VSCODE_TEST_SHIM=1     @vscode/test-electron's runTests with test/host/codeShim.js as the "VS Code
//                          executable": the desktop code path, run on code-server.
// Environment: INTEGRATION_TIMEOUT_MS (the run after the build and the first-run code-server install,
// which has its own 30-minute limit; default 600000), INTEGRATION_SUITES=a,b (only suites whose file name
// contains a or b), INTEGRATION_ORDER=reverse (suites in reverse name order, zz- last), SKIP_BUILD=1,
// KEEP_RUN_DIR=1 (keep the temp folder even on success), VERBOSE=1 (browser console), SCREENSHOT=<png>.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import type { Browser } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, HostError, REPO_ROOT, descendants, ensureCodeServer, ensureDebianPrerequisites, freePort,
  isolatedEnv, killProcessTreeSync, log, makeIsolatedDirs, startCodeServer, tail, type CodeServer, type IsolatedDirs,
} from './codeServer';
import { needsPython } from '../support/suiteSelection';

export const TESTS_INDEX = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 600_000);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Everything the run has started, so every exit path (success, failure, timeout, Ctrl-C) can stop it. */
const live: { server?: CodeServer; browser?: Browser; dirs?: IsolatedDirs } = {};

// ---------------------------------------------------------------------------------------------
// Build

function step(title: string, args: string[]): void {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new HostError(`${title} failed (exit ${String(r.status ?? r.signal)}).`, 1);
  log(`${title}: ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

export function build(): void {
  step('bundle the extension (node esbuild.js)', ['esbuild.js']);
  step('compile the integration suites (tsc -p test/tsconfig.integration.json)',
    [require.resolve('typescript/bin/tsc'), '-p', path.join('test', 'tsconfig.integration.json')]);
  if (!fs.existsSync(TESTS_INDEX)) throw new HostError(`The build did not produce ${TESTS_INDEX}.`, 1);
  pruneStaleSuites();
}

/**
 * Deletes compiled suites whose .ts source is gone, so index.js never runs a deleted test. (out/ is not
 * wiped: engineers share this working tree, and another run may be loading its suites from it right now.)
 */
function pruneStaleSuites(): void {
  const outDir = path.dirname(TESTS_INDEX);
  for (const rel of fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    if (!rel.endsWith('.test.js')) continue;
    if (!fs.existsSync(path.join(REPO_ROOT, 'test', 'integration', rel.replace(/\.js$/, '.ts')))) {
      log(`removing stale compiled suite out/test/integration/${rel} (its source is gone)`);
      fs.rmSync(path.join(outDir, rel), { force: true });
      fs.rmSync(path.join(outDir, `${rel}.map`), { force: true });
    }
  }
}

/** The integration suites' sources (test/integration/*.test.ts), of which INTEGRATION_SUITES picks some. */
function integrationSuites(): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, 'test', 'integration')).filter((f) => f.endsWith('.test.ts'));
}

// ---------------------------------------------------------------------------------------------
// code-server + headless Chromium

export interface RunTarget { extensionDevelopmentPath: string; extensionTestsPath: string; folder?: string }

/** Runs the suites in code-server and resolves to their exit code (0 = all passed). */
export async function runInCodeServer(target: RunTarget): Promise<number> {
  ensureDebianPrerequisites({ chromium: true, python: needsPython(integrationSuites(), process.env.INTEGRATION_SUITES) });
  const entry = ensureCodeServer();
  const dirs = live.dirs = makeIsolatedDirs('vonage-integration-');
  const env = isolatedEnv(dirs, { MOCHA_TIER: 'integration' });
  const port = await freePort();
  const logFile = path.join(dirs.root, 'code-server.log');
  log(`starting code-server on 127.0.0.1:${port}; run dir ${dirs.root}`);
  live.server = await startCodeServer({ entry, port, dirs, env, logFile });
  log(`code-server healthy (${elapsed()}, pid ${String(live.server.process.pid)})`);

  const { chromium } = await import('playwright-core');
  live.browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, env, args: CHROMIUM_ARGS,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // we close it ourselves, in order
  });
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => log(`[page error] ${e.message}`));
  if (process.env.VERBOSE) page.on('console', (m) => log(`[browser ${m.type()}] ${m.text()}`));

  let sawSummary = false;
  let report: (code: number | string) => void = () => undefined;
  const result = new Promise<number | string>((resolve) => { report = (c) => { if (!stopping) resolve(c); }; });
  // The workbench calls these two for extension tests: mocha's output, then the exit code.
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = format(...(Array.isArray(args) ? args : [args])); // mocha's reporter logs printf-style
    if (/^integration: \d+ passed, \d+ failed/m.test(line)) sawSummary = true;
    process.stdout.write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => report(code));
  page.on('crash', () => report('the workbench page crashed'));
  live.server.process.once('exit', (code, sig) => report(`code-server exited early (${String(code ?? sig)})`));
  const url = live.server.url({ folder: target.folder ?? dirs.workspace, ...target });
  log(`opening the workbench: ${url}`);
  await page.goto(url);

  const code = await result;
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT }).catch((e: Error) => log(`screenshot failed: ${e.message}`));

  if (typeof code === 'string') {
    log(`FAILED: ${code} — the suites never reported an exit code.`);
    return 1;
  }
  log(`the extension host reported exit code ${code} (${elapsed()})`);
  if (code === 0 && !sawSummary) {
    log('FAILED: exit code 0 but no "integration: N passed, M failed" line arrived: did the suites run at all?');
    return 1;
  }
  return code === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Desktop VS Code (or the shim) through @vscode/test-electron

async function runWithTestElectron(target: RunTarget, shim: boolean): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const dirs = live.dirs = makeIsolatedDirs('vonage-integration-');
  // test-electron passes process.env on to VS Code: isolate it here.
  Object.assign(process.env, isolatedEnv(dirs, { MOCHA_TIER: 'integration' }));
  return runTests({
    version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
    cachePath: path.join(REPO_ROOT, '.vscode-test'),
    extensionDevelopmentPath: target.extensionDevelopmentPath,
    extensionTestsPath: target.extensionTestsPath,
    extensionTestsEnv: { MOCHA_TIER: 'integration' },
    ...(shim ? { vscodeExecutablePath: path.join(__dirname, 'codeShim.js') } : {}),
    launchArgs: [target.folder ?? dirs.workspace, '--disable-extensions', `--user-data-dir=${dirs.userData}`,
      `--extensions-dir=${dirs.extensions}`],
  }).then(() => 0, (e: Error) => { log(`test-electron: ${e.message}`); return 1; });
}

// ---------------------------------------------------------------------------------------------
// Clean-up on every path

let cleaning: Promise<void> | undefined;
/** Set once a signal or the timeout has begun tearing the run down: late events from it are not news. */
let stopping = false;
export function cleanup(failed: boolean): Promise<void> {
  cleaning ??= (async () => {
    await live.browser?.close().catch(() => undefined);
    await live.server?.stop();
    if (live.server && failed && fs.existsSync(live.server.logFile)) {
      log(`code-server log (tail of ${live.server.logFile}):`);
      console.log(tail(fs.readFileSync(live.server.logFile, 'utf8'), 40));
    }
    // Last resort: nothing we started may outlive us (test-electron's VS Code, a stray helper).
    for (const pid of descendants(process.pid).reverse()) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    if (live.dirs) {
      if (failed || process.env.KEEP_RUN_DIR) log(`run dir kept: ${live.dirs.root}`);
      else fs.rmSync(live.dirs.root, { recursive: true, force: true, maxRetries: 3 });
    }
  })();
  return cleaning;
}

function onSignal(sig: NodeJS.Signals): void {
  stopping = true;
  log(`${sig}: stopping code-server and the browser`);
  void cleanup(true).finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
}

export async function main(target?: RunTarget): Promise<number> {
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => killProcessTreeSync(live.server?.process));
  let code: number;
  try {
    if (!process.env.SKIP_BUILD) build();
    const t = target ?? { extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: TESTS_INDEX };
    const run = process.env.VSCODE_TEST_DESKTOP === '1' || process.env.VSCODE_TEST_SHIM === '1'
      ? runWithTestElectron(t, process.env.VSCODE_TEST_DESKTOP !== '1')
      : runInCodeServer(t);
    // One deadline for the whole run (start, workbench, suites): a hang never reports an exit code.
    // (runInCodeServer installs code-server synchronously before its first await, so that is not counted.)
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS); });
    const outcome = await Promise.race([run, deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      stopping = true;
      run.catch(() => undefined); // it will fail as we tear it down
      log(`FAILED: timed out after ${TIMEOUT_MS / 1000} s (INTEGRATION_TIMEOUT_MS) — the suites never reported an exit code.`);
      code = 1;
    } else {
      code = outcome;
    }
  } catch (e) {
    log(`FAILED: ${e instanceof Error ? e.message : String(e)}`);
    code = e instanceof HostError ? e.exitCode : 1;
  }
  await cleanup(code !== 0);
  log(`integration run ${code === 0 ? 'passed' : 'FAILED'} in ${elapsed()} (exit code ${code})`);
  return code;
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
