// Create Token Endpoint in the real VS Code, for every framework and every TypeScript template: the endpoint
// generated into a project of that framework in the workspace, its dependencies installed (npm registry;
// Python's from Debian), its own test run with the project's runner, tsc and ESLint's recommended rules
// where the project has them (Python: Ruff's default rules, by flake8); then served on 127.0.0.1 and a free port with the credentials Add Credentials
// to .env writes and the sign-in wired, and judged by Check Token Endpoint. Each project is generated and
// installed once, in its group's before(); each test then stands alone and restores what it changed.
// Also: generating twice loses nothing, the person's prompts, and the Client SDK session snippets offered
// in a real editor.
import * as assert from 'assert';
import * as crypto from 'crypto';
import { parse } from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { AnsweringUi } from './support/answeringUi';
import { FRAMEWORK_NAMES } from '../../src/vonage/endpoint';
import { PROJECTS, PROJECT_GROUPS, npmInstall, writeFiles, type EndpointProject, type RunningServer } from './support/endpointProjects';
import { emptyFolder, workspaceRoot } from './support/gitRepo';
import { CANCEL, ENTER, QueuedUi, type Env, byHand, eventually, run, runFails, startEnv, stopEnv, usedSecrets } from './support/harness';

interface CreatedEndpoint { framework: string; files: string[]; skipped: string[]; dependencies: string[]; install: string; envMissing: string[] }
interface EndpointCheck { ok: boolean; status: number; claims?: Record<string, unknown>; problems: string[] }

const ROUTE = '/api/vonage/token';

describe('Create Token Endpoint', function () {
  this.timeout(600_000); // installs from the registry (first run: a cold cache)
  let env: Env;
  let appId: string;
  let root: string;
  let keep: string[];
  const started = Date.now();

  before(async () => {
    root = workspaceRoot();
    keep = fs.readdirSync(root);
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Endpoint App' })).id;
    await run('vonage.createUser', { applicationId: appId, name: 'alice' });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    emptyFolder(root, keep);
    await stopEnv(env);
    console.log(`[endpoint suite] ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });

  for (const group of PROJECT_GROUPS) {
    describe(group.describe, () => {
      const created = new Map<EndpointProject, CreatedEndpoint>();
      const installedByTheCommand = new Map<EndpointProject, boolean>();
      const dirOf = (project: EndpointProject) => path.join(root, group.folder, project.folder);

      // Generated and installed once per group (a test each would repeat minutes of installing): what each
      // test then checks stands alone, and each test restores what it changes.
      before(async () => {
        writeFiles(path.join(root, group.folder), group.files);
        for (const project of group.projects) {
          writeFiles(dirOf(project), project.files);
          const r = await run<CreatedEndpoint>('vonage.createTokenEndpoint', { applicationId: appId, folder: dirOf(project) });
          assert.strictEqual(r.framework, project.framework, 'the framework found in the project');
          created.set(project, r);
          installedByTheCommand.set(project, fs.existsSync(path.join(dirOf(project), 'node_modules')));
        }
        if (group.npm) await npmInstall(path.join(root, group.folder));
      });
      after(() => fs.rmSync(path.join(root, group.folder), { recursive: true, force: true }));

      if (group.lint) {
        it(`every project passes ${group.lint.what}, with the monorepo's one config`, async () => {
          await group.lint!.run(path.join(root, group.folder));
        });
      }

      for (const project of group.projects) {
        if (group.projects.length === 1) endpointTests(project);
        else describe(project.describe, () => endpointTests(project));
      }

      function endpointTests(project: EndpointProject): void {
        it('finds the framework, writes the endpoint and its test in the project\'s language, and adds the signing library; installing and the .env are left to the person', () => {
          const dir = dirOf(project);
          const r = created.get(project)!;
          assert.ok(r.files.length >= 5 && r.files.every((f) => f.startsWith(`${dir}${path.sep}`) && fs.existsSync(f)), r.files.join(', '));
          assert.deepStrictEqual(r.skipped, []);
          assert.deepStrictEqual(r.envMissing, ['VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY']);
          if (project.python) {
            assert.deepStrictEqual(r.dependencies, ['PyJWT[crypto]>=2.6,<3']);
            assert.strictEqual(r.install, project.install, 'python3 (no `python` on Debian, Ubuntu, macOS), into a new .venv (PEP 668), from the project\'s own list');
          } else {
            assert.ok(r.dependencies.includes('jsonwebtoken@^9.0.3'), r.dependencies.join(', '));
            assert.strictEqual(r.install, 'npm install');
            assert.strictEqual(installedByTheCommand.get(project), false, 'nothing was installed by the command');
          }
          const auth = fs.readFileSync(path.join(dir, project.signIn.file), 'utf8');
          assert.match(auth, /TODO\(vonage\): wire your sign-in here/);
          assert.match(auth, project.signIn.placeholder, 'the sign-in is a placeholder that lets nobody in');
          assert.ok(env.api.logText().includes(`Created a token endpoint for ${FRAMEWORK_NAMES[project.framework]} (${ROUTE}, 3600 s) in ${dir}:`), 'the log names the framework');
          assert.strictEqual(env.api.contextKey('vonage:createdTokenEndpoint'), true, 'the walkthrough step is complete');
        });

        it(project.testWhat, async () => {
          assert.match(await project.test(dirOf(project)), project.passed);
        });

        if (project.lint) {
          it(`passes ${project.lint.what}${project.python ? '' : ', with the project\'s own config'}`, async () => {
            await project.lint!.run(dirOf(project));
          });
        }

        it('served with the credentials Add Credentials to .env writes, its sign-in wired: Check Token Endpoint finds its tokens good, and a caller not signed in refused', async () => {
          const dir = dirOf(project);
          const rel = path.relative(root, dir).split(path.sep).join('/');
          const authFile = path.join(dir, project.signIn.file);
          const generatedAuth = fs.readFileSync(authFile, 'utf8');
          let server: RunningServer | undefined;
          try {
            await run('vonage.writeEnv', { applicationId: appId, folder: root, file: `${rel}/.env`, privateKeyFile: `${rel}/private.key`, gitignore: false });
            const values = parse(fs.readFileSync(path.join(dir, '.env')));
            assert.strictEqual(values.VONAGE_PRIVATE_KEY, 'private.key', 'the key file\'s path, from the .env\'s folder (where the server runs)');
            usedSecrets.add(fs.readFileSync(path.join(dir, 'private.key'), 'utf8'));
            const session = `session-${crypto.randomUUID()}`; // a credential of the app's sign-in: sent by the check, never logged
            usedSecrets.add(session);
            fs.writeFileSync(authFile, generatedAuth.replace(project.signIn.placeholder, project.signIn.wired.replace('let-me-in', session)));
            await project.build?.(dir);
            server = await project.serve(dir, values);

            const refused = await run<EndpointCheck>('vonage.checkTokenEndpoint', { url: server.url(ROUTE) });
            assert.strictEqual(refused.ok, false);
            assert.strictEqual(refused.status, 401);
            assert.strictEqual(refused.problems.length, 1);
            assert.match(refused.problems[0], /^POST http:\/\/127\.0\.0\.1:\d+\/api\/vonage\/token answered 401 Unauthorized \(Unauthorized: Sign in first: this endpoint gives Vonage tokens to signed-in users only\.\), not a token\. Send what your sign-in expects \(a Cookie or Authorization header\) with the check\.$/i);

            const check = await run<EndpointCheck>('vonage.checkTokenEndpoint', { url: server.url(ROUTE), headers: { Authorization: `Bearer ${session}` } });
            assert.deepStrictEqual(check.problems, [], server.output());
            assert.strictEqual(check.ok, true);
            assert.strictEqual(check.status, 200);
            assert.strictEqual(check.claims?.application_id, appId);
            assert.strictEqual(check.claims?.sub, 'alice');
            assert.strictEqual(Number(check.claims?.exp) - Number(check.claims?.iat), 3600);
          } finally {
            await server?.stop();
            fs.writeFileSync(authFile, generatedAuth); // as generated again, for the other tests
            for (const f of ['.env', 'private.key']) fs.rmSync(path.join(dir, f), { force: true });
          }
        });
      }
    });
  }

  describe('again, and by hand', () => {
    let dir: string;
    const node = PROJECTS.find((p) => p.framework === 'node')!;
    beforeEach(() => {
      dir = path.join(root, 'backend-again');
      writeFiles(dir, { 'package.json': JSON.stringify({ name: 'again', type: 'module' }, null, 2) });
    });
    afterEach(async () => {
      env.api.setUi(undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('generating twice loses nothing: every existing file skipped, or (onExisting: rename) the new ones written beside them, numbered', async () => {
      const first = await run<CreatedEndpoint>('vonage.createTokenEndpoint', { applicationId: appId, folder: dir });
      const authFile = path.join(dir, 'vonage', 'vonageAuth.js');
      fs.writeFileSync(authFile, fs.readFileSync(authFile, 'utf8').replace(node.signIn.placeholder, node.signIn.wired)); // the developer's work
      const before = new Map(first.files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
      const packageJson = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');

      const again = await run<CreatedEndpoint>('vonage.createTokenEndpoint', { applicationId: appId, folder: dir });
      assert.deepStrictEqual(again.files, []);
      assert.deepStrictEqual(again.skipped.sort(), [...before.keys()].sort());
      assert.deepStrictEqual(again.dependencies, [], 'jsonwebtoken is listed already');
      for (const [file, text] of before) assert.strictEqual(fs.readFileSync(file, 'utf8'), text, `${file} is unchanged`);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), packageJson);

      const beside = await run<CreatedEndpoint>('vonage.createTokenEndpoint', { applicationId: appId, folder: dir, onExisting: 'rename' });
      assert.deepStrictEqual(beside.files.map((f) => path.relative(dir, f)).sort(), [
        'token-server2.mjs', 'vonage/vonageAuth2.js', 'vonage/vonageToken2.js', 'vonage/vonageTokenListener2.js', 'vonage/vonageTokenListener2.test.js', 'vonage/vonageTokenTestKit2.js',
      ].map((f) => f.split('/').join(path.sep)));
      assert.match(fs.readFileSync(path.join(dir, 'vonage', 'vonageTokenListener2.js'), 'utf8'), /from '\.\/vonageToken2\.js';$/m, 'the new files import each other');
      for (const [file, text] of before) assert.strictEqual(fs.readFileSync(file, 'utf8'), text, `${file} is still unchanged`);
    });

    it('scripted, a folder with no backend or with several is refused with what to give; a bad route or lifetime before anything is written', async () => {
      await runFails('vonage.createTokenEndpoint', { applicationId: appId, folder: dir, framework: 'rails' }, /^The framework "rails" is not one this command writes for\. Give one of express, fastify, next, node, fastapi, flask\.$/);
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { express: '5', fastify: '5' } }));
      await runFails('vonage.createTokenEndpoint', { applicationId: appId, folder: dir }, /^backend-again holds Express and Fastify: say which the endpoint is for \(framework: express or fastify\)\.$/);
      fs.rmSync(path.join(dir, 'package.json'));
      await runFails('vonage.createTokenEndpoint', { applicationId: appId, folder: dir }, /^No backend found in backend-again: no package\.json, pyproject\.toml or requirements\.txt\. Give the framework/);
      await runFails('vonage.createTokenEndpoint', { applicationId: appId, folder: dir, framework: 'node', route: 'api/token' }, /^The route "api\/token" must start with \//);
      await runFails('vonage.createTokenEndpoint', { applicationId: appId, folder: dir, framework: 'node', ttlSeconds: 86401 }, /^The token lifetime is at most 86400 seconds \(24 hours\), the longest Vonage accepts; 86401 is longer\.$/);
      await runFails('vonage.createTokenEndpoint', { applicationId: appId, folder: path.dirname(root), framework: 'node' }, /is not a folder of this workspace/);
      writeFiles(dir, { 'package.json': '{}' });
      writeFiles(path.join(root, 'backend-other'), { 'requirements.txt': 'flask\n' });
      try {
        await runFails('vonage.createTokenEndpoint', { applicationId: appId, framework: 'node' }, /^Several folders hold a backend \(backend-again, backend-other\): say which \(folder\)\.$/);
      } finally {
        fs.rmSync(path.join(root, 'backend-other'), { recursive: true, force: true });
      }
      assert.deepStrictEqual(fs.readdirSync(dir), ['package.json'], 'nothing was written');
    });

    it('by hand: the framework asked when there are several, the route and the lifetime asked; an existing file skipped on request; the sign-in opened, installing offered in a terminal', async () => {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { express: '5', fastify: '5' } }, null, 2));
      writeFiles(dir, { 'vonage/vonageAuth.js': '// my own sign-in, already written\n' });
      const ui = new AnsweringUi(['Endpoint App', 'Fastify', '/auth/vonage-token', '8 hours', 'Skip it'], (_level, _text, actions) => (actions.includes('Install in Terminal') ? 'Install in Terminal' : undefined));
      const created = await byHand<CreatedEndpoint>(env, ui, 'vonage.createTokenEndpoint');
      assert.strictEqual(created.framework, 'fastify');
      assert.deepStrictEqual(ui.asked.map((a) => `${a.type} ${a.step ?? ''}/${a.totalSteps ?? ''} ${a.text ?? ''}`), [
        'pick 1/4 The application whose users get tokens',
        'pick 2/4 backend-again holds several backends: which one gets the endpoint?',
        'input 3/4 The route that gives tokens (POST)',
        'pick 4/4 How long should the token live?',
        'pick / vonage/vonageAuth.js exists, and is never overwritten',
      ]);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'vonage', 'vonageAuth.js'), 'utf8'), '// my own sign-in, already written\n');
      assert.deepStrictEqual(created.skipped, [path.join(dir, 'vonage', 'vonageAuth.js')]);
      const core = fs.readFileSync(path.join(dir, 'vonage', 'vonageToken.js'), 'utf8');
      assert.match(core, /^const TOKEN_LIFETIME_SECONDS = 28800;$/m);
      assert.match(fs.readFileSync(path.join(dir, 'vonage', 'vonageTokenRoute.js'), 'utf8'), /^const VONAGE_TOKEN_ROUTE = '\/auth\/vonage-token';$/m);
      await eventually(() => ui.messages.some((m) => m.level === 'info'), 'the notification');
      const note = ui.messages.find((m) => m.level === 'info')!;
      assert.strictEqual(note.text, 'Created the token endpoint (4 files, 1 existing kept). Register it in your app: registerVonageTokenRoute(app), from vonage/vonageTokenRoute.js. It answers 401 until you wire your sign-in in vonageAuth.js.');
      assert.deepStrictEqual(note.actions, ['Open vonageTokenRoute.js', 'Install in Terminal', 'Add Credentials to .env']);
      await eventually(() => vscode.window.activeTextEditor?.document.uri.fsPath === path.join(dir, 'vonage', 'vonageAuth.js'), 'the sign-in file opens');
      await eventually(() => vscode.window.terminals.some((t) => t.name === 'Vonage: install'), 'the install terminal');
      const terminal = vscode.window.terminals.find((t) => t.name === 'Vonage: install')!;
      assert.strictEqual(String((terminal.creationOptions as vscode.TerminalOptions).cwd), dir, 'in the project\'s folder');
      terminal.dispose();
    });

    it('by hand, the notification says how to mount the route, and its Open button opens the file to mount it from', async () => {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { express: '5' } }, null, 2));
      const ui = new AnsweringUi(['Endpoint App', ENTER, '1 hour'], (_level, _text, actions) => actions.find((a) => a.startsWith('Open ')));
      await byHand<CreatedEndpoint>(env, ui, 'vonage.createTokenEndpoint');
      await eventually(() => ui.messages.some((m) => m.level === 'info'), 'the notification');
      assert.match(ui.messages.find((m) => m.level === 'info')!.text, /\. Mount it in your app: app\.use\(vonageTokenRouter\(\)\), from vonage\/vonageTokenRoute\.js\. /);
      const route = path.join(dir, 'vonage', 'vonageTokenRoute.js');
      await eventually(() => vscode.window.activeTextEditor?.document.uri.fsPath === route, 'Open vonageTokenRoute.js opens it');
    });

    it('by hand, a backend in a subfolder is offered even when the folder itself has a package.json (a Flask pyapi/ beside a Node site)', async () => {
      const pyapi = path.join(root, 'pyapi');
      writeFiles(root, { 'package.json': '{ "name": "site" }\n' });
      writeFiles(pyapi, { 'requirements.txt': 'flask\n' });
      try {
        const ui = new QueuedUi(['Endpoint App', 'pyapi', ENTER, '1 hour']);
        const created = await byHand<CreatedEndpoint>(env, ui, 'vonage.createTokenEndpoint');
        assert.deepStrictEqual(ui.asked[1].items, [`$(folder) ${path.basename(root)}`, '$(folder) backend-again', '$(folder) pyapi'], 'the folder itself and each subfolder that holds a backend');
        assert.strictEqual(created.framework, 'flask');
        assert.ok(created.files.every((f) => f.startsWith(`${pyapi}${path.sep}`)), created.files.join(', '));
      } finally {
        fs.rmSync(path.join(root, 'package.json'), { force: true });
        fs.rmSync(pyapi, { recursive: true, force: true });
      }
    });

    it('by hand, cancelled at any prompt: nothing written', async () => {
      const ui = new QueuedUi(['Endpoint App', CANCEL]);
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { express: '5', next: '16' } }));
      await byHand(env, ui, 'vonage.createTokenEndpoint');
      assert.deepStrictEqual(fs.readdirSync(dir), ['package.json']);
    });
  });

  describe('the Client SDK session snippets', () => {
    for (const language of ['javascript', 'typescript', 'swift']) {
      it(`are offered in a ${language} editor: createSession, refreshSession before exp, and a new session on the expired-token error`, async () => {
        const document = await vscode.workspace.openTextDocument({ language, content: 'vonage-ses' });
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 10));
        const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'vonage-session');
        assert.ok(item, `offered: ${list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).slice(0, 20).join(', ')}`);
        const body = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
        assert.match(body, /createSession/);
        assert.match(body, /refreshSession/);
        assert.match(body, language === 'swift' ? /\.tokenExpired/ : /SessionErrorReason\.ExpiredToken/);
      });
    }
  });
});
