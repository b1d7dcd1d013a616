#!/usr/bin/env node
// `npm start`: build the extension, then open it in a real VS Code with isolated user data.
//   - desktop VS Code (`code --extensionDevelopmentPath=<repo> --wait`) when `code` is on PATH
//     (VONAGE_START=code-server forces code-server anyway);
//   - otherwise code-server 4.100.3 (VS Code 1.100.3; installed on demand into .vscode-test/) on
//     127.0.0.1:$PORT (default 8080, or a free port when 8080 is taken); open the printed URL.
// When the local Vonage sandbox exists (test/sandbox/index.ts) it is started too, and the isolated user
// settings point `vonage.apiBaseUrl` and `vonage.restBaseUrl` at it; its demo API key and secret are printed.
// Ctrl-C stops VS Code / code-server (its whole process tree), the sandbox, and removes the temp folder.
// Environment: PORT, SANDBOX_PORT (default: a free port), START_FOLDER (folder to open; default an empty
// workspace in the temp folder), KEEP_RUN_DIR=1, NO_SANDBOX=1.
'use strict';
require('tsx/cjs'); // lets this plain script use the TypeScript host helpers and the sandbox
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const host = require('../test/host/codeServer');
const { REPO_ROOT, log } = host;

function build() {
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new host.HostError(`node esbuild.js failed (exit ${r.status})`, 1);
}

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => {
    try { fs.accessSync(path.join(dir, cmd), fs.constants.X_OK); return true; } catch { return false; }
  });
}

const live = { sandbox: undefined, server: undefined, code: undefined, dirs: undefined };
let stopping;
function stop(exitCode) {
  stopping ??= (async () => {
    if (live.code && live.code.exitCode === null) await host.killProcessTree(live.code, () => live.code.exitCode !== null);
    if (live.server) await live.server.stop();
    if (live.sandbox) await live.sandbox.stop().catch((e) => log(`sandbox stop: ${e.message}`));
    if (live.dirs) {
      if (process.env.KEEP_RUN_DIR) log(`run dir kept: ${live.dirs.root}`);
      else fs.rmSync(live.dirs.root, { recursive: true, force: true, maxRetries: 3 });
    }
    log('stopped.');
    process.exit(exitCode);
  })();
  return stopping;
}

async function startSandboxIfPresent(settings) {
  if (process.env.NO_SANDBOX || !fs.existsSync(path.join(REPO_ROOT, 'test', 'sandbox', 'index.ts'))) return;
  const { startSandbox, SECOND_DEMO_ACCOUNT } = require('../test/sandbox');
  live.sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT || 0), voiceClock: 'real' });
  live.sandbox.addAccount(SECOND_DEMO_ACCOUNT.apiKey, SECOND_DEMO_ACCOUNT.apiSecret);
  settings['vonage.apiBaseUrl'] = live.sandbox.url;
  settings['vonage.restBaseUrl'] = live.sandbox.url; // the Numbers and Account APIs: the sandbox serves both hosts
  log(`Vonage sandbox (local stand-in of the Vonage API): ${live.sandbox.url}`);
  log(`  demo API key:    ${live.sandbox.apiKey}`);
  log(`  demo API secret: ${live.sandbox.apiSecret}`);
  log(`  Signature secret: ${live.sandbox.signatureSecret()} (the key of the callbacks of applications with signed callbacks on)`);
  log(`  a second account (Switch Account): ${SECOND_DEMO_ACCOUNT.apiKey} / ${SECOND_DEMO_ACCOUNT.apiSecret} (signature secret ${live.sandbox.signatureSecret(SECOND_DEMO_ACCOUNT.apiKey)})`);
  log(`  the settings vonage.apiBaseUrl and vonage.restBaseUrl point at it (isolated user settings); sign in with the key and secret above.`);
  log(`  numbers: a balance of €10 per account and numbers for sale in GB, US, DE, FR, NL and AU.`);
  log(`  a Client SDK login (opens a session for the token's user, shown under the user in the tree):`);
  log(`    curl -X POST ${live.sandbox.url}/_sandbox/login -H 'Content-Type: application/json' -d '{"token": "<a user JWT>"}'`);
  log(`    201 {id, user_id} when the token is accepted as Vonage would; 401 {reason} otherwise.`);
  for (const line of live.sandbox.voice.banner(live.sandbox.url)) log(`  ${line}`);
}

async function main() {
  process.once('SIGINT', () => { log('Ctrl-C: stopping'); void stop(130); });
  process.once('SIGTERM', () => { void stop(143); });
  process.once('exit', () => { host.killProcessTreeSync(live.server && live.server.process); host.killProcessTreeSync(live.code); });

  build();
  const desktop = onPath('code') && process.env.VONAGE_START !== 'code-server';
  const dirs = live.dirs = host.makeIsolatedDirs('vonage-start-');
  const folder = process.env.START_FOLDER ? path.resolve(process.env.START_FOLDER) : dirs.workspace;
  const settings = {};
  await startSandboxIfPresent(settings);
  const settingsFile = host.writeUserSettings(dirs, settings);
  log(`isolated user data: ${dirs.root} (settings: ${settingsFile})`);

  if (desktop) {
    const args = [`--extensionDevelopmentPath=${REPO_ROOT}`, '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions, '--new-window', '--wait', folder];
    log(`opening desktop VS Code: code ${args.join(' ')}`);
    live.code = spawn('code', args, { stdio: 'inherit', env: host.isolatedEnv(dirs) });
    live.code.on('exit', (code) => { log(`VS Code closed (${code}).`); void stop(0); });
    return;
  }

  const entry = host.ensureCodeServer();
  let port;
  if (process.env.PORT) {
    port = Number(process.env.PORT);
    if (!(await host.portIsFree(port))) throw new host.HostError(`PORT ${port} is already in use on 127.0.0.1.`);
  } else {
    port = (await host.portIsFree(8080)) ? 8080 : await host.freePort();
  }
  const logFile = path.join(dirs.root, 'code-server.log');
  live.server = await host.startCodeServer({ entry, port, dirs, env: host.isolatedEnv(dirs), logFile, defaultFolder: folder });
  live.server.process.on('exit', (code, sig) => {
    if (stopping) return;
    log(`code-server exited (${code ?? sig}); its log: ${logFile}`);
    console.log(host.tail(fs.readFileSync(logFile, 'utf8'), 30));
    void stop(1);
  });
  const url = live.server.url({ folder, extensionDevelopmentPath: REPO_ROOT });
  console.log('');
  log(`code-server ${host.CODE_SERVER_VERSION} (VS Code 1.100) is running with the extension loaded from ${REPO_ROOT}.`);
  log('Open this URL in a browser (it carries the extension-development payload; the plain');
  log(`http://127.0.0.1:${port}/ opens the workbench WITHOUT the extension):`);
  console.log(`\n  ${url}\n`);
  log(`After a rebuild (npm run build / watch), reload the browser tab. Log: ${logFile}. Ctrl-C stops everything.`);
}

main().catch((e) => {
  log(`FAILED: ${e && e.message ? e.message : String(e)}`);
  void stop(e instanceof host.HostError ? e.exitCode : 1);
});
