// Backend projects for the token endpoint suites, as a developer would have them: their package.json
// (pinned versions) or requirements, their own tsconfig and ESLint config (the recommended rules), the app
// file that mounts the endpoint. Every framework, and every TypeScript template (ts/ is the source of the
// JavaScript ones): Express in JavaScript and in TypeScript, Fastify, Next.js, plain Node in JavaScript and
// in TypeScript, FastAPI, Flask. A group is one folder with one install: a project alone, or an npm
// workspaces monorepo of two (one install for both keeps the suite's time down). Helpers to run their
// tools (npm, tsc, eslint, the test runners, Python from Debian) and to start their servers on 127.0.0.1
// and a free port, stopped by the test that started them even when it fails.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './harness';

/** Debian's Python, where python3-fastapi, -flask, -jwt, -pytest, -httpx live (a pyenv python3 on the PATH has none of them). */
export const PYTHON = process.env.VONAGE_TEST_PYTHON ?? '/usr/bin/python3';

/** One npm cache for every project and every run (kept in .vscode-test/, as code-server is). */
export function npmCache(): string {
  const dir = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, '.vscode-test', 'npm-cache');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export interface RunResult { code: number | null; output: string }

/** The extension host's environment without what belongs to VS Code itself (its Node options, its IPC). */
function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_|NODE_OPTIONS$|CODE_SERVER|FORCE_COLOR$)/.test(k)));
  // Plain text: a runner colours its summary when it thinks it is in CI (CI=true), which splits "Tests  10 passed".
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command to its end (or `timeoutMs`, then kills it) and returns its exit code and output. */
export function runTool(command: string, args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: toolEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    const timer = setTimeout(() => { killGroup(child); output += `\n[killed after ${opts.timeoutMs} ms]`; }, opts.timeoutMs ?? 240_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, output: stripVTControlCharacters(output) }); });
  });
}

/** Runs it and fails with the tail of its output unless it exits 0. */
export async function mustRun(command: string, args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  const r = await runTool(command, args, cwd, opts);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} in ${path.basename(cwd)} exited ${String(r.code)}:\n${r.output.split('\n').slice(-40).join('\n')}`);
  return r.output;
}

/** npm install from the registry, through the shared cache, preferring what it holds. */
export function npmInstall(dir: string): Promise<string> {
  return mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir, {
    env: { npm_config_cache: npmCache(), npm_config_update_notifier: 'false' }, timeoutMs: 600_000,
  });
}

function killGroup(child: ChildProcess): void {
  try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

export interface RunningServer { port: number; url: (route: string) => string; output: () => string; stop: () => Promise<void> }

/**
 * Starts a server (its whole process group) with PORT, a free port on 127.0.0.1 (also in place of an
 * argument `$PORT`), waits until the port accepts connections, and gives the way to stop it.
 */
export async function startServer(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePort();
  const argv = args.map((a) => (a === '$PORT' ? String(port) : a));
  const child = spawn(command, argv, { cwd, env: toolEnv({ ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child);
    await gone;
  };
  const until = Date.now() + 60_000;
  while (!(await accepts(port))) {
    if (exited || Date.now() > until) {
      await stop();
      throw new Error(`${command} ${args.join(' ')} did not start listening on 127.0.0.1:${port}:\n${output.split('\n').slice(-30).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, url: (route) => `http://127.0.0.1:${port}${route}`, output: () => output, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); }).on('error', () => resolve(false));
  });
}

/** Writes `files` (relative path → text) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

// ---------------------------------------------------------------------------------------------
// The projects. Versions are pinned; the tooling is this repository's own (TypeScript, ESLint).

const TOOLING = { '@eslint/js': '10.0.1', eslint: '10.15.0', typescript: '5.9.3', 'typescript-eslint': '8.74.0', '@types/node': '20.19.43' };
/** esbuild's install script (vitest's dependency) was reviewed for this repository too (package.json allowScripts). */
const ALLOW_SCRIPTS = { allowScripts: { esbuild: true } };

const packageJson = (fields: Record<string, unknown>) => `${JSON.stringify({ name: 'backend', private: true, ...fields }, null, 2)}\n`;

/** ESLint's recommended rules for JavaScript, with Node's globals. */
function javascriptLint(sourceType: 'commonjs' | 'module'): string {
  return `import js from '@eslint/js';

const node = { process: 'readonly', console: 'readonly', fetch: 'readonly', URL: 'readonly', Request: 'readonly', Response: 'readonly', Buffer: 'readonly' };

export default [
  { ignores: ['node_modules/**'] },
  js.configs.recommended,
  { files: ['**/*.js'], languageOptions: { sourceType: '${sourceType}', globals: node } },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: node } },
];
`;
}

/** ESLint's and typescript-eslint's recommended rules, type-checked (node:test's describe/it float by design). */
function typescriptLint(ignores: string[]): string {
  return `import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ${JSON.stringify(['node_modules/**', 'eslint.config.mjs', ...ignores])} },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'it'], package: 'node:test' }] }] },
  },
);
`;
}

/** How a project is checked and served, once its endpoint is generated. */
export interface EndpointProject {
  framework: 'express' | 'fastify' | 'next' | 'node' | 'fastapi' | 'flask';
  /** What the suite says about it. */
  describe: string;
  /** Its folder inside the group's ('' when it is the group's folder). */
  folder: string;
  /** The command Install in Terminal runs (Python's: asserted, not run; pip would need PyPI). */
  install?: string;
  files: Record<string, string>;
  python: boolean;
  /** Runs the generated test; returns its output. `testWhat`: what that checks, in the test's name. */
  test: (dir: string) => Promise<string>;
  testWhat: string;
  /** What the test's output says when every test passed. */
  passed: RegExp;
  /** The tools the project checks its code with, on the generated code (tsc where the test does not compile, ESLint). */
  lint?: { what: string; run: (dir: string) => Promise<void> };
  /** Builds what `serve` runs, when the project has a build step (after its sign-in was wired). */
  build?: (dir: string) => Promise<void>;
  /** Starts the endpoint with `env` (the .env's values). */
  serve: (dir: string, env: NodeJS.ProcessEnv) => Promise<RunningServer>;
  /** The generated sign-in placeholder, and what it becomes once "wired": the bearer token the test puts for `let-me-in` signs alice in. */
  signIn: { file: string; placeholder: RegExp; wired: string };
}

/** One folder and one install: a project alone, or a monorepo of several (its files: the root's). */
export interface ProjectGroup {
  describe: string;
  folder: string;
  files: Record<string, string>;
  /** npm install at the group's root (Python's packages come from Debian). */
  npm: boolean;
  projects: EndpointProject[];
  /** A monorepo's linter, run once at its root over every project (theirs is then not run alone). */
  lint?: { what: string; run: (dir: string) => Promise<void> };
}

/**
 * Runs a tool the project installed, node_modules/.bin/<name> in its folder or a monorepo's above it (never
 * above the workspace): what `npx --no-install` runs, without npm's own start-up, which costs a second or
 * more per call on a loaded machine.
 */
function npx(dir: string, name: string, ...args: string[]): Promise<string> {
  const top = vscode.workspace.workspaceFolders![0].uri.fsPath;
  for (let at = dir; at.startsWith(top); at = path.dirname(at)) {
    const bin = path.join(at, 'node_modules', '.bin', name);
    if (fs.existsSync(bin)) return mustRun(bin, args, dir, { timeoutMs: 300_000 });
  }
  throw new Error(`${name} is not installed in ${dir} (no node_modules/.bin/${name} up to ${top}).`);
}
const tsc = async (dir: string) => { await npx(dir, 'tsc', '-p', '.'); };
/** Compiled by the project's own tsconfig (so tsc has checked it), then node:test on the output. */
const compiledNodeTest = async (dir: string) => { await tsc(dir); return mustRun('node', ['--test', 'dist/'], dir, { timeoutMs: 120_000 }); };
const TYPED_ESLINT = { what: 'typescript-eslint\'s type-checked recommended rules', run: async (dir: string) => { await npx(dir, 'eslint', '.'); } };
/** A TypeScript project compiled by its own tsconfig (src/ to dist/), node:test on the output. */
const COMPILED_TYPESCRIPT = {
  test: compiledNodeTest,
  testWhat: 'compiles with its own tsconfig and passes its own test (node:test on the output)',
  passed: /# pass \d+\n# fail 0/,
  build: tsc,
};
/** Such a project's tsconfig.json, with `options` (its module system). */
const compiledTsconfig = (options: Record<string, unknown>) =>
  `${JSON.stringify({ compilerOptions: { target: 'ES2022', ...options, strict: true, outDir: 'dist', rootDir: 'src', types: ['node'], skipLibCheck: true }, include: ['src'] }, null, 2)}\n`;
const NODE_PLACEHOLDER = /void request;.*\n\s*return Promise\.resolve\(undefined\);/;
const PYTHON_PLACEHOLDER = /del request.*\n\s*return None/;

/**
 * Ruff's default rules (pyflakes' F, and pycodestyle's E4, E7 and E9), the set most Python projects lint
 * with today, run by Debian's flake8 (Ruff itself is only on PyPI, which this machine cannot reach).
 */
const PYTHON_LINT = {
  what: 'Ruff\'s default rules (F, E4, E7, E9), run by flake8',
  run: async (dir: string) => { await mustRun(PYTHON, ['-m', 'flake8', '--select=E4,E7,E9,F', '--exclude=.venv', '.'], dir); },
};

const PROJECT_LIST: EndpointProject[] = [
  {
    framework: 'express',
    folder: '',
    describe: 'Express, JavaScript (CommonJS), Jest',
    python: false,
    files: {
      'package.json': packageJson({ scripts: { test: 'jest' }, dependencies: { express: '5.3.0' }, devDependencies: { jest: '30.5.2', '@jest/globals': '30.5.2', eslint: TOOLING.eslint, '@eslint/js': TOOLING['@eslint/js'] } }),
      'eslint.config.mjs': javascriptLint('commonjs'),
      'server.js': "const express = require('express');\nconst { vonageTokenRouter } = require('./vonage/vonageTokenRoute.js');\n\nexpress().use(vonageTokenRouter()).listen(Number(process.env.PORT), '127.0.0.1');\n",
    },
    test: (dir) => npx(dir, 'jest', '--ci'),
    testWhat: 'passes its own test (Jest)',
    passed: /Tests:\s+\d+ passed, \d+ total/,
    lint: { what: 'ESLint\'s recommended rules', run: async (dir) => { await npx(dir, 'eslint', '.'); } },
    serve: (dir, env) => startServer('node', ['server.js'], dir, env),
    signIn: { file: 'vonage/vonageAuth.js', placeholder: NODE_PLACEHOLDER, wired: "return Promise.resolve(request.get('authorization') === 'Bearer let-me-in' ? { id: 'alice' } : undefined);" },
  },
  {
    framework: 'fastify',
    folder: '',
    describe: 'Fastify, TypeScript (ES modules, NodeNext), node:test on the compiled output',
    python: false,
    files: {
      'package.json': packageJson({ type: 'module', scripts: { build: 'tsc', test: 'tsc && node --test dist/' }, dependencies: { fastify: '5.12.8' }, devDependencies: TOOLING }),
      'tsconfig.json': compiledTsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }),
      'eslint.config.mjs': typescriptLint(['dist/**']),
      'src/server.ts': "import { fastify } from 'fastify';\nimport { registerVonageTokenRoute } from './vonage/vonageTokenRoute.js';\n\nconst app = fastify();\nregisterVonageTokenRoute(app);\nawait app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n",
    },
    ...COMPILED_TYPESCRIPT,
    lint: TYPED_ESLINT,
    serve: (dir, env) => startServer('node', ['dist/server.js'], dir, env),
    signIn: { file: 'src/vonage/vonageAuth.ts', placeholder: NODE_PLACEHOLDER, wired: "return Promise.resolve(request.headers.authorization === 'Bearer let-me-in' ? { id: 'alice' } : undefined);" },
  },
  {
    framework: 'next',
    folder: '',
    describe: 'Next.js App Router, TypeScript (create-next-app\'s tsconfig), Vitest; served as Next calls a route handler: a function of a Request',
    python: false,
    files: {
      'package.json': packageJson({ scripts: { test: 'vitest run' }, dependencies: { next: '16.5.0', react: '19.3.1', 'react-dom': '19.3.1' }, devDependencies: { ...TOOLING, '@types/react': '19.3.3', vitest: '3.2.7' }, ...ALLOW_SCRIPTS }),
      'tsconfig.json': `${JSON.stringify({
        compilerOptions: {
          target: 'ES2017', lib: ['dom', 'dom.iterable', 'esnext'], allowJs: true, skipLibCheck: true, strict: true, noEmit: true, esModuleInterop: true, module: 'esnext',
          moduleResolution: 'bundler', resolveJsonModule: true, isolatedModules: true, jsx: 'preserve', incremental: true, plugins: [{ name: 'next' }], paths: { '@/*': ['./*'] },
        },
        include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'], exclude: ['node_modules'],
      }, null, 2)}\n`,
      'next-env.d.ts': '/// <reference types="next" />\n/// <reference types="next/image-types/global" />\n',
      'eslint.config.mjs': typescriptLint(['next-env.d.ts', '.next/**', '.vonage-check/**', 'serve-route.mjs']),
      'app/page.tsx': 'export default function Home() {\n  return <main>Backend</main>;\n}\n',
      // Next.js calls a route handler with a Request and sends its Response: so does this stand-in for `next start`,
      // on the route bundled (esbuild, from Vitest's dependencies) as Next bundles it.
      'serve-route.mjs': `import { createServer } from 'node:http';
import { POST } from './.vonage-check/route.mjs';

createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  const request = new Request(\`http://127.0.0.1\${req.url}\`, { method: req.method, headers: req.headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks) });
  const response = path !== '/api/vonage/token' ? new Response(null, { status: 404 }) : req.method === 'POST' ? await POST(request) : new Response(null, { status: 405, headers: { Allow: 'POST' } });
  res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
    },
    test: (dir) => npx(dir, 'vitest', 'run'),
    testWhat: 'passes its own test (Vitest)',
    passed: /Tests\s+\d+ passed \(\d+\)/,
    lint: { what: 'tsc and typescript-eslint\'s type-checked recommended rules', run: async (dir) => { await tsc(dir); await npx(dir, 'eslint', '.'); } },
    serve: async (dir, env) => {
      await npx(dir, 'esbuild', 'app/api/vonage/token/route.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--outfile=.vonage-check/route.mjs', '--log-level=warning');
      return startServer('node', ['serve-route.mjs'], dir, env);
    },
    signIn: { file: 'lib/vonage/vonageAuth.ts', placeholder: NODE_PLACEHOLDER, wired: "return Promise.resolve(request.headers.get('authorization') === 'Bearer let-me-in' ? { id: 'alice' } : undefined);" },
  },
  {
    framework: 'node',
    folder: '',
    describe: 'plain Node (node:http), JavaScript (ES modules), node:test, token-server.mjs',
    python: false,
    files: {
      'package.json': packageJson({ type: 'module', scripts: { test: 'node --test' }, devDependencies: { eslint: TOOLING.eslint, '@eslint/js': TOOLING['@eslint/js'] } }),
      'eslint.config.mjs': javascriptLint('module'),
    },
    test: (dir) => mustRun('node', ['--test'], dir, { timeoutMs: 120_000 }),
    testWhat: 'passes its own test (node:test)',
    passed: /# pass \d+\n# fail 0/,
    lint: { what: 'ESLint\'s recommended rules', run: async (dir) => { await npx(dir, 'eslint', '.'); } },
    // As the file itself says to run it: the credentials from .env by Node's own --env-file.
    serve: (dir) => startServer('node', ['--env-file=.env', 'token-server.mjs'], dir, {}),
    signIn: { file: 'vonage/vonageAuth.js', placeholder: NODE_PLACEHOLDER, wired: "return Promise.resolve(request.headers.authorization === 'Bearer let-me-in' ? { id: 'alice' } : undefined);" },
  },
  {
    framework: 'fastapi',
    folder: '',
    describe: 'FastAPI (pyproject.toml), pytest with FastAPI\'s TestClient, served by uvicorn',
    python: true,
    install: 'python3 -m venv .venv && .venv/bin/python -m pip install "fastapi>=0.92" uvicorn "PyJWT[crypto]>=2.6,<3" pytest httpx',
    files: {
      'pyproject.toml': '[project]\nname = "backend"\nversion = "0.1.0"\ndependencies = [\n    "fastapi>=0.92",\n    "uvicorn",\n]\n',
      'main.py': 'from fastapi import FastAPI\n\nfrom vonage_token_route import vonage_token_router\n\napp = FastAPI()\napp.include_router(vonage_token_router())\n',
    },
    test: (dir) => mustRun(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], dir, { timeoutMs: 120_000 }),
    testWhat: 'passes its own test (pytest, Python\'s packages from Debian)',
    passed: /\d+ passed/,
    lint: PYTHON_LINT,
    serve: (dir, env) => startServer(PYTHON, ['-m', 'uvicorn', 'main:app', '--host', '127.0.0.1', '--port', '$PORT'], dir, env),
    signIn: { file: 'vonage_auth.py', placeholder: PYTHON_PLACEHOLDER, wired: 'return AppUser("alice") if request.headers.get("authorization") == "Bearer let-me-in" else None' },
  },
  {
    framework: 'flask',
    folder: '',
    describe: 'Flask (requirements.txt), pytest with Flask\'s test client, served by flask run',
    python: true,
    install: 'python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt pytest',
    files: {
      'requirements.txt': 'Flask>=2.2\n',
      'app.py': 'from flask import Flask\n\nfrom vonage_token_route import vonage_token_blueprint\n\napp = Flask(__name__)\napp.register_blueprint(vonage_token_blueprint())\n',
    },
    test: (dir) => mustRun(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], dir, { timeoutMs: 120_000 }),
    testWhat: 'passes its own test (pytest, Python\'s packages from Debian)',
    passed: /\d+ passed/,
    lint: PYTHON_LINT,
    serve: (dir, env) => startServer(PYTHON, ['-m', 'flask', '--app', 'app', 'run', '--host', '127.0.0.1', '--port', '$PORT'], dir, env),
    signIn: { file: 'vonage_auth.py', placeholder: PYTHON_PLACEHOLDER, wired: 'return AppUser("alice") if request.headers.get("Authorization") == "Bearer let-me-in" else None' },
  },
];

/** TypeScript as an Express service is usually written: CommonJS, esModuleInterop, src/ compiled to dist/. */
const TS_EXPRESS: EndpointProject = {
  framework: 'express',
  folder: 'api',
  describe: 'Express, TypeScript (CommonJS, esModuleInterop), node:test on the compiled output',
  python: false,
  files: {
    'package.json': packageJson({ name: 'api', scripts: { build: 'tsc', test: 'tsc && node --test dist/' }, dependencies: { express: '5.3.0' }, devDependencies: { '@types/express': '5.0.6' } }),
    'tsconfig.json': compiledTsconfig({ module: 'commonjs', esModuleInterop: true }),
    'src/server.ts': "import express from 'express';\nimport { vonageTokenRouter } from './vonage/vonageTokenRoute.js';\n\nexpress().use(vonageTokenRouter()).listen(Number(process.env.PORT), '127.0.0.1');\n",
  },
  ...COMPILED_TYPESCRIPT,
  serve: (dir, env) => startServer('node', ['dist/server.js'], dir, env),
  signIn: { file: 'src/vonage/vonageAuth.ts', placeholder: NODE_PLACEHOLDER, wired: "return Promise.resolve(request.get('authorization') === 'Bearer let-me-in' ? { id: 'alice' } : undefined);" },
};

/** Plain Node in TypeScript: ES modules (NodeNext), token-server.ts compiled and run as its header says. */
const TS_NODE: EndpointProject = {
  framework: 'node',
  folder: 'worker',
  describe: 'plain Node (node:http), TypeScript (ES modules, NodeNext), node:test on the compiled output, the compiled token-server.js',
  python: false,
  files: {
    'package.json': packageJson({ name: 'worker', type: 'module', scripts: { build: 'tsc', test: 'tsc && node --test dist/' } }),
    'tsconfig.json': compiledTsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }),
    'src/index.ts': "console.log('worker started');\n",
  },
  ...COMPILED_TYPESCRIPT,
  serve: (dir) => startServer('node', ['--env-file=.env', 'dist/token-server.js'], dir, {}),
  signIn: { file: 'src/vonage/vonageAuth.ts', placeholder: NODE_PLACEHOLDER, wired: "return Promise.resolve(request.headers.authorization === 'Bearer let-me-in' ? { id: 'alice' } : undefined);" },
};

const alone = (project: EndpointProject): ProjectGroup => ({ describe: project.describe, folder: `backend-${project.framework}`, files: {}, npm: !project.python, projects: [project] });

export const PROJECT_GROUPS: ProjectGroup[] = [
  ...PROJECT_LIST.map(alone),
  {
    describe: 'two TypeScript services in an npm workspaces monorepo (one install, one ESLint config at its root)',
    folder: 'backend-ts',
    files: {
      'package.json': packageJson({ name: 'services', workspaces: ['api', 'worker'], devDependencies: TOOLING }),
      'eslint.config.mjs': typescriptLint(['**/dist/**']),
    },
    npm: true,
    projects: [TS_EXPRESS, TS_NODE],
    lint: TYPED_ESLINT,
  },
];

export const PROJECTS: EndpointProject[] = PROJECT_GROUPS.flatMap((g) => g.projects);
