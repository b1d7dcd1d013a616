// Secrets-in-git warnings in the real VS Code, against a real `git init` repository (the test
// workspace itself): diagnostics read back with vscode.languages.getDiagnostics, quick fixes through
// vscode.executeCodeActionProvider and run as a person runs them, the refresh when .gitignore or the
// index changes, the workspace check, the git-command fallback, and no stored secret in any message
// or in the log.
import * as assert from 'assert';
import { parse } from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { QueuedUi, type Env, byHand, eventually, run, setConfig, startEnv, stopEnv, usedSecrets } from './support/harness';
import { commit, emptyFolder, git, gitCode, initRepo, workspaceRoot } from './support/gitRepo';

const SECRET = 'Zq8rT2mN5xW9kL3p';
const WAIT = 20_000;

interface Found { uri: string; line: number; kind: string; tracked: boolean }

describe('secrets-in-git warnings', () => {
  let env: Env;
  let root: string;
  let keep: string[];
  let pem: string;
  let repoName: string;
  let token: string;
  const at = (...p: string[]) => path.join(root, ...p);
  const uriOf = (...p: string[]) => vscode.Uri.file(at(...p));
  const write = (name: string, text: string) => { fs.mkdirSync(path.dirname(at(name)), { recursive: true }); fs.writeFileSync(at(name), text); return uriOf(name); };
  const warnings = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vonage');
  /** Opens the file and runs the check now (what the debounced check does after open/change/save). */
  const check = async (uri: vscode.Uri) => env.api.secretsCheck.checkDocument(await vscode.workspace.openTextDocument(uri));
  /** The quick fixes VS Code offers for the warning (the markers reach the workbench a moment after the check). */
  const actions = async (uri: vscode.Uri, d: vscode.Diagnostic) => {
    let found: vscode.CodeAction[] = [];
    await eventually(async () => {
      found = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value))
        .filter((a) => a.command?.command.startsWith('vonage.'));
      return found.length > 0;
    }, 'quick fixes are offered', WAIT);
    return found;
  };
  /** Runs a quick fix's command with the prompts answered from `answers`; returns the prompts used. */
  const apply = async (action: vscode.CodeAction, answers: unknown[] = []) => {
    const ui = new QueuedUi(answers);
    await byHand(env, ui, action.command!.command, ...((action.command!.arguments ?? []) as unknown[]));
    return ui;
  };

  before(async () => {
    root = workspaceRoot();
    keep = fs.readdirSync(root);
    repoName = path.basename(root);
    env = await startEnv(); // signs in: the sandbox's API secret is now stored in this VS Code
    const appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Secrets App' })).id;
    token = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' });
    usedSecrets.add(token);
    pem = (await core.generateKeyPair()).privateKey;
    usedSecrets.add(pem);
    usedSecrets.add(SECRET);
    initRepo(root);
    write('tracked.js', `const vonage = new Vonage({\n  apiKey: 'abcd1234',\n  apiSecret: '${SECRET}',\n});\n`);
    commit(root, 'tracked.js');
  });
  after(async () => {
    await setConfig('git.enabled', undefined);
    await setConfig('vonage.secrets.enabled', undefined);
    await vscode.workspace.getConfiguration('vonage.secrets', uriOf('x')).update('exclude', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    emptyFolder(root, keep);
    await stopEnv(env);
  });

  it('a tracked file: a Warning from "Vonage" on the secret, saying what, why (tracked, the repository) and what to do', async () => {
    await vscode.window.showTextDocument(uriOf('tracked.js'));
    await eventually(() => warnings(uriOf('tracked.js')).length === 1, 'the debounced check warns after opening', WAIT);
    const [d] = warnings(uriOf('tracked.js'));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.code, 'apiSecret');
    assert.strictEqual(d.message, `A Vonage API secret (apiSecret) is in a file that git tracks in repository "${repoName}": the next push publishes it. Move it to .env (ignored by git); if it was ever pushed, change the secret in the Vonage dashboard.`);
    const doc = await vscode.workspace.openTextDocument(uriOf('tracked.js'));
    assert.strictEqual(doc.getText(d.range), SECRET, 'the warning covers the secret itself');
    assert.match(env.api.logText(), /repositories come from VS Code's Git extension, answers from its git/);
  });

  it('an untracked file git would commit: a PEM private key inside a string with \\n escapes', async () => {
    const uri = write('keys.json', `${JSON.stringify({ app: 'demo', private_key: pem }, null, 2)}\n`);
    const [p] = await check(uri);
    assert.strictEqual(p.finding.kind, 'privateKey');
    assert.strictEqual(warnings(uri)[0].message, `A private key (in a string, with \\n line breaks) is in a file that git would commit in repository "${repoName}" (it is not ignored). Move it to .env, or add this file to .gitignore.`);
  });

  it('the API secret stored in this VS Code, as a literal anywhere: warned without ever being quoted', async () => {
    const uri = write('notes.txt', `login with ${env.sandbox.apiSecret} for now\n`);
    const [p] = await check(uri);
    assert.strictEqual(p.finding.detail, 'storedSecret');
    const message = warnings(uri)[0].message;
    assert.match(message, /^The API secret of a Vonage account stored in this VS Code is in a file that git would commit/);
    assert.ok(!message.includes(env.sandbox.apiSecret));
    assert.ok(!env.api.logText().includes(env.sandbox.apiSecret), 'nor is it in the log');
  });

  it('a Vonage JWT (the token scanner finds it; its application_id makes it Vonage\'s)', async () => {
    const uri = write('requests.http', `GET https://api.nexmo.com/v1/users\nAuthorization: Bearer ${token}\n`);
    const [p] = await check(uri);
    assert.strictEqual(p.finding.kind, 'jwt');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(p.range), token);
    assert.strictEqual(warnings(uri)[0].message, `A Vonage JWT is in a file that git would commit in repository "${repoName}" (it is not ignored). Move it to .env, or add this file to .gitignore.`);
  });

  it('no warning in a file git ignores, nor outside any repository; a tracked file that .gitignore matches is still warned about', async () => {
    fs.writeFileSync(at('.gitignore'), '/ignored.js\n/forced.js\n');
    const ignored = write('ignored.js', `apiSecret: '${SECRET}'\n`);
    const forced = write('forced.js', `apiSecret: '${SECRET}'\n`);
    commit(root, 'forced.js', '.gitignore');
    const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-repo-'));
    const outside = vscode.Uri.file(path.join(outsideDir, 'config.js'));
    fs.writeFileSync(outside.fsPath, `apiSecret: '${SECRET}'\n`);
    try {
      assert.deepStrictEqual(await check(ignored), []);
      assert.deepStrictEqual(warnings(ignored), []);
      assert.deepStrictEqual(await check(outside), []);
      assert.deepStrictEqual(warnings(outside), []);
      const [p] = await check(forced);
      assert.strictEqual(p.verdict.tracked, true, 'git never calls a tracked file ignored');
    } finally {
      fs.rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  it('refreshed when .gitignore changes (the warning goes) and when the index changes (untracked becomes tracked)', async () => {
    const later = write('later.js', `apiSecret: '${SECRET}'\n`);
    await vscode.workspace.openTextDocument(later);
    await eventually(() => warnings(later).length === 1, 'warned while not ignored', WAIT);
    fs.appendFileSync(at('.gitignore'), '/later.js\n');
    await eventually(() => warnings(later).length === 0, 'the warning goes once .gitignore ignores the file', WAIT);

    const staged = write('staged.js', `apiSecret: '${SECRET}'\n`);
    await vscode.workspace.openTextDocument(staged);
    await eventually(() => /would commit/.test(warnings(staged)[0]?.message ?? ''), 'first: would be committed', WAIT);
    git(root, 'add', 'staged.js');
    await eventually(() => /git tracks/.test(warnings(staged)[0]?.message ?? ''), 'after git add: tracked', WAIT);
  });

  it('quick fixes of a tracked file: Move to .env and Ignore here (not .gitignore: that would not untrack it)', async () => {
    const [d] = warnings(uriOf('tracked.js'));
    const titles = (await actions(uriOf('tracked.js'), d)).map((a) => a.title);
    assert.deepStrictEqual(titles, ['Move to .env', 'Ignore here: leave this file out of the Vonage secrets check']);
  });

  it('Move to .env in JS: the literal becomes process.env.NAME, the value goes into .env (which git is told to ignore), the file is saved', async () => {
    const uri = uriOf('tracked.js');
    const [move] = await actions(uri, warnings(uri)[0]);
    assert.strictEqual(move.isPreferred, true);
    const ui = await apply(move, ['VONAGE_API_SECRET']);
    assert.match(ui.asked[0].text ?? '', /^The variable to keep the API secret in, in \.env$/);
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), "const vonage = new Vonage({\n  apiKey: 'abcd1234',\n  apiSecret: process.env.VONAGE_API_SECRET,\n});\n", 'saved to disk');
    assert.strictEqual(parse(fs.readFileSync(at('.env'), 'utf8')).VONAGE_API_SECRET, SECRET);
    assert.strictEqual(fs.statSync(at('.env')).mode & 0o777, 0o600);
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 0, '.env is ignored by git');
    assert.match(ui.messages.find((m) => m.level === 'info')!.text, /^Moved the API secret to \.env as VONAGE_API_SECRET; tracked\.js now reads process\.env\.VONAGE_API_SECRET \(load \.env with dotenv\)\. \.env is now in \.gitignore\.$/);
    assert.deepStrictEqual(warnings(uri), []);
  });

  it('Move to .env elsewhere (JSON): the value is removed, the PEM lands in .env with real line breaks; the name asked is checked', async () => {
    const uri = uriOf('keys.json');
    const [move] = await actions(uri, warnings(uri)[0]);
    const ui = await apply(move, ['VONAGE_API_SECRET', 'KEY_TEXT']); // the first name is taken (another value): asked again
    assert.strictEqual(ui.asked[0].validation, '.env already has VONAGE_API_SECRET with another value: choose another name.');
    assert.strictEqual(JSON.parse(fs.readFileSync(uri.fsPath, 'utf8')).private_key, '');
    const moved = parse(fs.readFileSync(at('.env'), 'utf8')).KEY_TEXT;
    assert.strictEqual(moved, pem.trimEnd(), 'dotenv reads the key back with its line breaks');
    assert.ok(core.parsePrivateKey(moved));
    assert.match(ui.messages.find((m) => m.level === 'info')!.text, /^Moved the private key to \.env as KEY_TEXT and removed it from keys\.json: read KEY_TEXT from the environment there\.$/);
  });

  it('Add this file to .gitignore (an untracked file): the warning goes, git agrees', async () => {
    const uri = write('creds.yml', `vonage:\n  api_secret: ${SECRET}\n`);
    await check(uri);
    const titles = (await actions(uri, warnings(uri)[0])).map((a) => a.title);
    assert.deepStrictEqual(titles, ['Move to .env', 'Add this file to .gitignore', 'Ignore here: leave this file out of the Vonage secrets check']);
    const add = (await actions(uri, warnings(uri)[0]))[1];
    const ui = await apply(add);
    assert.match(fs.readFileSync(at('.gitignore'), 'utf8'), /^\/creds\.yml$/m);
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', 'creds.yml'), 0);
    assert.match(ui.messages[0].text, /^Added \/creds\.yml to the \.gitignore of repository/);
    await eventually(() => warnings(uri).length === 0, 'the warning goes', WAIT);
  });

  it('Add this file to .gitignore on a file git tracks: the line is added (it keeps the file out once untracked), and the message says git rm --cached', async () => {
    const uri = write('config/tracked.yml', `api_secret: ${SECRET}\n`);
    commit(root, 'config/tracked.yml');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '--no-index', 'config/tracked.yml'), 1, 'precondition: no rule covers it');
    const r = await run<{ added: string[]; ignored: boolean; tracked: boolean }>('vonage.ignoreFileInGit', { uri: uri.toString() });
    assert.deepStrictEqual([r.added, r.ignored, r.tracked], [['/config/tracked.yml'], true, true]);
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '--no-index', 'config/tracked.yml'), 0);
    assert.match(env.api.logText(), /Added \/config\/tracked\.yml to the \.gitignore of repository "[^"]+"\. git tracks config\/tracked\.yml, and ignoring does not untrack: run git rm --cached config\/tracked\.yml and commit\./);
    const ui = new QueuedUi();
    await byHand(env, ui, 'vonage.ignoreFileInGit', { uri: uri.toString(), interactive: true }); // as the quick fix runs it
    assert.deepStrictEqual(ui.messages.map((m) => [m.level, m.text]), [['warn', `A rule of repository "${repoName}" already covers config/tracked.yml. git tracks config/tracked.yml, and ignoring does not untrack: run git rm --cached config/tracked.yml and commit.`]]);
    git(root, 'rm', '-q', '--cached', 'config/tracked.yml');
    git(root, 'commit', '-q', '-m', 'untrack config/tracked.yml');
    assert.doesNotMatch(git(root, 'add', '-A', '--dry-run'), /config\/tracked\.yml/, 'untracked as advised, it stays out of `git add -A`');
  });

  it('Add this file to .gitignore when a later "!" line re-includes it: the line goes again at the end, and git agrees', async () => {
    const uri = write('over.yml', `api_secret: ${SECRET}\n`);
    fs.appendFileSync(at('.gitignore'), '/over.yml\n!over.yml\n');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', 'over.yml'), 1, 'precondition: re-included');
    const r = await run<{ added: string[]; ignored: boolean }>('vonage.ignoreFileInGit', { uri: uri.toString() });
    assert.deepStrictEqual([r.added, r.ignored], [['/over.yml'], true]);
    assert.match(fs.readFileSync(at('.gitignore'), 'utf8'), /\/over\.yml\n!over\.yml\n\/over\.yml\n$/);
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', 'over.yml'), 0);
  });

  it('Add this file to .gitignore when a nested .gitignore re-includes it: run again, it says the line is there and git still does not ignore the file', async () => {
    const uri = write('nested/again.yml', `api_secret: ${SECRET}\n`);
    fs.writeFileSync(at('nested', '.gitignore'), '!again.yml\n');
    try {
      const first = await run<{ added: string[]; ignored: boolean }>('vonage.ignoreFileInGit', { uri: uri.toString() });
      assert.deepStrictEqual([first.added, first.ignored], [['/nested/again.yml'], false]);
      const ui = new QueuedUi();
      await byHand(env, ui, 'vonage.ignoreFileInGit', { uri: uri.toString(), interactive: true });
      assert.deepStrictEqual(ui.messages.map((m) => [m.level, m.text]), [['warn', `The .gitignore of repository "${repoName}" already has the line for nested/again.yml. git still does not ignore nested/again.yml: a rule elsewhere (a "!" line in a nested .gitignore or in .git/info/exclude) re-includes it. See which with: git check-ignore -v --no-index nested/again.yml`]]);
    } finally {
      fs.rmSync(at('nested'), { recursive: true, force: true });
    }
  });

  it('Ignore here: the file goes into the folder\'s vonage.secrets.exclude and its warning goes', async () => {
    const uri = write('docs/example.md', `VONAGE_API_SECRET=${SECRET}\n`);
    const exclude = () => vscode.workspace.getConfiguration('vonage.secrets', uri);
    try {
      await check(uri);
      // The debounced check the opening started may answer after ours: wait for the warning to be there.
      await eventually(() => warnings(uri).length === 1, 'the file is warned about', WAIT);
      const ignore = (await actions(uri, warnings(uri)[0])).find((a) => a.title.startsWith('Ignore here'))!;
      await apply(ignore);
      await eventually(() => JSON.stringify(exclude().inspect<string[]>('exclude')?.workspaceFolderValue) === '["docs/example.md"]', 'the file is in the folder\'s exclude setting', WAIT);
      await eventually(() => warnings(uri).length === 0, 'the warning goes', WAIT);
      assert.deepStrictEqual(await check(uri), []);
    } finally {
      // Whatever happened above, the next test sees the workspace without this file or setting.
      fs.rmSync(at('docs'), { recursive: true, force: true });
      await exclude().update('exclude', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('Check Workspace for Secrets: every file git would publish, with line, kind and tracked; never node_modules or ignored files', async () => {
    write('src/app.ts', `\n\nconst secret = "${SECRET}";\nconst apiSecret = "${SECRET}";\n`);
    write('node_modules/pkg/index.js', `apiSecret: '${SECRET}'\n`);
    const found = await run<Found[]>('vonage.checkWorkspaceSecrets', {});
    const rel = (f: Found) => path.relative(root, vscode.Uri.parse(f.uri).fsPath);
    const seen = found.map((f) => [rel(f), f.line, f.kind, f.tracked]).sort();
    assert.deepStrictEqual(seen, [
      ['forced.js', 1, 'apiSecret', true],
      ['notes.txt', 1, 'apiSecret', false],
      ['requests.http', 2, 'jwt', false],
      ['src/app.ts', 4, 'apiSecret', false],
      ['staged.js', 1, 'apiSecret', true],
    ].sort());
    assert.strictEqual(warnings(uriOf('src/app.ts')).length, 1, 'the findings fill the Problems view');
  });

  it('a symbolic link into another repository: its file is answered by that repository, and the rest of the workspace check is not lost', async () => {
    const other = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'other-repo-')));
    initRepo(other);
    fs.mkdirSync(path.join(other, 'lib'));
    fs.writeFileSync(path.join(other, 'lib', 'shared.js'), `apiSecret: '${SECRET}'\n`);
    fs.writeFileSync(path.join(other, 'lib', 'quiet.js'), `apiSecret: '${SECRET}'\n`);
    fs.writeFileSync(path.join(other, '.gitignore'), '/lib/quiet.js\n');
    fs.symlinkSync(path.join(other, 'lib'), at('linked-lib')); // the link leads into a folder of the other repository, not to its root
    write('beside-link.js', `apiSecret: '${SECRET}'\n`); // asked about in the same batch as the linked files
    try {
      const found = await run<Found[]>('vonage.checkWorkspaceSecrets', {});
      const rel = (f: Found) => path.relative(root, vscode.Uri.parse(f.uri).fsPath);
      const seen = found.map((f) => [rel(f), f.kind, f.tracked]);
      assert.deepStrictEqual(seen.filter(([r]) => r === 'beside-link.js' || r === 'src/app.ts').sort(), [['beside-link.js', 'apiSecret', false], ['src/app.ts', 'apiSecret', false]], 'the workspace\'s own files are still checked');
      assert.deepStrictEqual(seen.filter(([r]) => String(r).startsWith('linked-lib')), [['linked-lib/shared.js', 'apiSecret', false]], 'the linked file, in its own repository; the one that repository ignores, not');
      const [d] = warnings(uriOf('linked-lib', 'shared.js'));
      assert.match(d.message, new RegExp(`would commit in repository "${path.basename(other)}"`), 'named after the repository that holds it');
    } finally {
      fs.rmSync(at('beside-link.js'));
      fs.unlinkSync(at('linked-lib'));
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('with the Git extension disabled, the git command answers (and the log says so)', async () => {
    await setConfig('git.enabled', false);
    try {
      const uri = write('cli.js', `apiSecret: '${SECRET}'\n`);
      const [p] = await check(uri);
      assert.strictEqual(p.verdict.via, 'gitCommand');
      assert.match(warnings(uri)[0].message, /would commit in repository/);
      assert.match(env.api.logText(), /git answers come from the git command \(git\): VS Code's Git extension is disabled \(git\.enabled\)\./);
    } finally {
      await setConfig('git.enabled', undefined);
    }
  });

  it('vonage.secrets.enabled false clears the warnings', async () => {
    await setConfig('vonage.secrets.enabled', false);
    try {
      assert.deepStrictEqual(await check(uriOf('notes.txt')), []);
      assert.deepStrictEqual(warnings(uriOf('notes.txt')), []);
    } finally {
      await setConfig('vonage.secrets.enabled', undefined);
    }
  });

  it('no warning message and no log line holds a secret', () => {
    const all = [...env.api.secretsCheck.all().values()].flat().map((p) => p.diagnostic.message).join('\n');
    for (const s of [SECRET, env.sandbox.apiSecret]) {
      assert.ok(!all.includes(s));
      assert.ok(!env.api.logText().includes(s));
    }
  });
});
