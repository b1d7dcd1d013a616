// Add Credentials to .env in the real VS Code, against a real `git init` repository in the test
// workspace: the .env parsed with dotenv's own parser, the key file 0600 and PKCS#8, git's own
// check-ignore agreeing that both files are ignored, tracked files warned about, and every bad input
// refused with one sentence and nothing lost.
import * as assert from 'assert';
import { parse } from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { ENV_COMMENT } from '../../src/vonage/dotenv/envEditor';
import { QueuedUi, type Env, byHand, run, runFails, setConfig, startEnv, stopEnv, usedSecrets } from './support/harness';
import { commit, emptyFolder, git, gitCode, initRepo, workspaceRoot } from './support/gitRepo';

interface WriteEnvResult { file: string; written: string[]; privateKeyFile: string; gitignoreUpdated: boolean; tracked: string[] }

describe('Add Credentials to .env', () => {
  let env: Env;
  let root: string;
  let keep: string[];
  let appId: string;
  let publicKey: string;
  const at = (...p: string[]) => path.join(root, ...p);
  const read = (...p: string[]) => fs.readFileSync(at(...p), 'utf8');
  const mode = (...p: string[]) => fs.statSync(at(...p)).mode & 0o777;
  const writeEnv = async (args: Record<string, unknown>) => {
    const r = await run<WriteEnvResult>('vonage.writeEnv', { applicationId: appId, ...args });
    const jwt = parse(read(path.relative(root, r.file))).VONAGE_JWT;
    if (jwt) usedSecrets.add(jwt);
    return r;
  };

  before(async () => {
    root = workspaceRoot();
    keep = fs.readdirSync(root);
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Env App' })).id;
    publicKey = env.sandbox.storedApplication(appId)!.publicKey;
    await run('vonage.createUser', { applicationId: appId, name: 'alice' });
  });
  after(async () => {
    await setConfig('git.enabled', undefined);
    await setConfig('vonage.env.names', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // the Git extension stops asking about their files
    emptyFolder(root, keep);
    await stopEnv(env);
  });

  it('a folder outside any repository: .env (0600) and private.key (0600, the stored key) are written; no .gitignore', async () => {
    const r = await writeEnv({ user: 'alice', ttlSeconds: 3600 });
    assert.deepStrictEqual(r, { file: at('.env'), written: ['VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY', 'VONAGE_JWT'], privateKeyFile: at('private.key'), gitignoreUpdated: false, tracked: [] });
    const values = parse(read('.env'));
    assert.strictEqual(values.VONAGE_APPLICATION_ID, appId);
    assert.strictEqual(values.VONAGE_PRIVATE_KEY, 'private.key');
    const claims = core.verifyToken(values.VONAGE_JWT, publicKey);
    assert.strictEqual(claims.sub, 'alice');
    assert.strictEqual(Number(claims.exp) - Number(claims.iat), 3600);
    assert.ok(read('.env').startsWith(`${ENV_COMMENT}\n`));
    assert.strictEqual(mode('.env'), 0o600);
    assert.strictEqual(mode('private.key'), 0o600);
    const pem = read('private.key');
    assert.ok(pem.startsWith(`${['-----BEGIN', 'PRIVATE KEY-----'].join(' ')}\n`), 'PKCS#8 PEM'); // the marker assembled: no tracked file holds one verbatim
    assert.ok(core.privateKeyMatches(pem, publicKey), 'the key file holds the application\'s private key');
    usedSecrets.add(pem);
    assert.ok(!fs.existsSync(at('.gitignore')));
    assert.strictEqual(env.api.contextKey('vonage:wroteEnv'), true, 'the walkthrough step is complete');
  });

  it('in a git repository: .gitignore gets both files, and `git check-ignore` agrees they are ignored', async () => {
    initRepo(root);
    const r = await writeEnv({});
    assert.strictEqual(r.gitignoreUpdated, true);
    assert.deepStrictEqual(r.tracked, []);
    assert.strictEqual(read('.gitignore'), '/.env\n/private.key\n');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 0, '.env is ignored');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', 'private.key'), 0, 'private.key is ignored');
    assert.strictEqual(git(root, 'status', '--porcelain', '--untracked-files=all').trim(), '?? .gitignore', 'only .gitignore would be committed');
    const gitExt = vscode.extensions.getExtension<{ enabled: boolean }>('vscode.git');
    assert.ok(gitExt?.isActive && gitExt.exports.enabled, 'code-server\'s built-in Git extension is active and enabled in the test host');
    assert.match(env.api.logText(), /repositories come from VS Code's Git extension, answers from its git/, 'and it answered');
    const again = await writeEnv({});
    assert.strictEqual(again.gitignoreUpdated, false, 'nothing to add the second time');
    assert.strictEqual(read('.gitignore'), '/.env\n/private.key\n');
  });

  it('an existing .env is edited in place: comments, export, quotes, CRLF, other keys and duplicates stay byte for byte', async () => {
    const before = [
      '# my sample app\r\n',
      'PORT=3000 # local only\r\n',
      'VONAGE_JWT=first-copy\r\n',
      'export VONAGE_APPLICATION_ID="old-id"\r\n',
      "GREETING='hello # not a comment'\r\n",
      'VONAGE_JWT="second-copy"\r\n',
    ].join('');
    fs.writeFileSync(at('.env'), before);
    await writeEnv({ user: 'alice' });
    const after = read('.env');
    const lines = after.split('\r\n');
    assert.strictEqual(lines[0], '# my sample app');
    assert.strictEqual(lines[1], 'PORT=3000 # local only');
    assert.strictEqual(lines[2], 'VONAGE_JWT=first-copy', 'the first duplicate is left alone');
    assert.strictEqual(lines[3], `export VONAGE_APPLICATION_ID="${appId}"`);
    assert.strictEqual(lines[4], "GREETING='hello # not a comment'");
    assert.match(lines[5], /^VONAGE_JWT="eyJ[\w-]+\.[\w-]+\.[\w-]+"$/, 'the last duplicate (the one dotenv reads) is updated, quotes kept');
    assert.ok(!after.replace(/\r\n/g, '').includes('\n'), 'every line ending is still CRLF');
    const values = parse(after);
    assert.deepStrictEqual(Object.keys(values).sort(), ['GREETING', 'PORT', 'VONAGE_APPLICATION_ID', 'VONAGE_JWT', 'VONAGE_PRIVATE_KEY']);
    assert.strictEqual(values.GREETING, 'hello # not a comment');
    assert.strictEqual(core.verifyToken(values.VONAGE_JWT, publicKey).sub, 'alice');
    assert.match(env.api.logText(), /VONAGE_JWT occurs 2 times in \.env: the last one \(line 6\) is the one dotenv reads and the one changed; line 3 left as it was\./);
  });

  it('a file git already tracks: reported in `tracked`, the log says `git rm --cached`, and .gitignore gets its line so `git add -A` leaves it out once untracked', async () => {
    fs.rmSync(at('.gitignore'), { force: true }); // a fresh state: no earlier test's line may already ignore .env
    commit(root, '.env');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '--no-index', '.env'), 1, 'precondition: no rule ignores .env');
    try {
      const r = await writeEnv({});
      assert.deepStrictEqual(r.tracked, [at('.env')]);
      assert.strictEqual(r.gitignoreUpdated, true, 'the tracked .env gets its .gitignore line too');
      assert.strictEqual(read('.gitignore'), '/.env\n/private.key\n');
      assert.strictEqual(gitCode(root, 'check-ignore', '-q', '--no-index', '.env'), 0, 'git\'s rules now ignore .env');
      assert.match(env.api.logText(), /git already tracks \.env in repository "[^"]+": ignoring does not untrack, so the next commit still carries the credentials\. Run: git rm --cached \.env and commit\./);

      fs.rmSync(at('.gitignore')); // fresh again, run by hand: asked first, then told to untrack
      const ui = new QueuedUi(['Env App', 'No user token', '.env', 'Application id and key file'], () => 'Add to .gitignore');
      await byHand(env, ui, 'vonage.writeEnv');
      const confirm = ui.messages.find((m) => m.level === 'confirm');
      assert.match(confirm?.text ?? '', /^Add \.env and private\.key to the \.gitignore of repository "[^"]+"\?$/, 'asked first');
      assert.match(confirm?.detail ?? '', /git rm --cached/);
      assert.strictEqual(read('.gitignore'), '/.env\n/private.key\n');
      const warning = ui.messages.find((m) => m.level === 'warn');
      assert.match(warning?.text ?? '', /^git already tracks \.env in repository "[^"]+": .+ Run: git rm --cached \.env and commit\.$/, 'run by hand, the person is told');
    } finally {
      git(root, 'rm', '-q', '--cached', '.env');
      git(root, 'commit', '-q', '-m', 'untrack .env');
    }
    assert.doesNotMatch(git(root, 'add', '-A', '--dry-run'), /'\.env'/, 'untracked as advised, .env stays out of `git add -A`');
  });

  it('a .gitignore line that a later "!" line overrides: the line is added again at the end, and git then ignores the file', async () => {
    fs.writeFileSync(at('.gitignore'), '/.env\n/private.key\n!.env\n');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 1, 'precondition: the "!" line re-includes .env');
    const r = await writeEnv({});
    assert.strictEqual(r.gitignoreUpdated, true);
    assert.strictEqual(read('.gitignore'), '/.env\n/private.key\n!.env\n/.env\n', 'appended after the "!" line, where it wins');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 0);
  });

  it('a rule elsewhere that still re-includes the file (a nested .gitignore): run by hand, the person is told how to find it', async () => {
    const sub = at('nested');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, '.gitignore'), '!.env\n');
    try {
      const ui = new QueuedUi(['Env App', 'No user token', 'nested/.env', 'Application id and key file'], () => 'Add to .gitignore');
      await byHand(env, ui, 'vonage.writeEnv');
      assert.match(read('.gitignore'), /^\/nested\/\.env$/m, 'the line was added');
      assert.strictEqual(gitCode(root, 'check-ignore', '-q', 'nested/.env'), 1, 'and git still does not ignore the file');
      const warning = ui.messages.find((m) => m.level === 'warn');
      assert.match(warning?.text ?? '', /^git still does not ignore nested\/\.env in repository "[^"]+" after the \.gitignore lines were added: a rule elsewhere .+ See which with: git check-ignore -v --no-index nested\/\.env$/);
    } finally {
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  it('run by hand: each question in turn, then whether to add the files to .gitignore', async () => {
    fs.rmSync(at('.gitignore'));
    fs.rmSync(at('.env'));
    const ui = new QueuedUi(['Env App', 'alice', '.env', '1 hour', 'Client SDK', 'Application id, key file and token'], () => 'Add to .gitignore');
    await byHand(env, ui, 'vonage.writeEnv');
    assert.deepStrictEqual(ui.asked.map((a) => [a.type, a.step, a.totalSteps]), [
      ['pick', 1, 6], ['pick', 2, 6], ['input', 3, 6], ['pick', 4, 6], ['pick', 5, 6], ['pick', 6, 6],
    ], 'application, user, file, lifetime, ACL, API secret: one question per step, numbered');
    assert.ok(ui.asked[1].items?.[0].includes('No user token'), 'a user is optional: "no user" comes first');
    assert.deepStrictEqual(ui.asked[5].items, ['Application id, key file and token', 'Also the API key and secret'], 'with a user, the token is among what is written');
    const confirm = ui.messages.find((m) => m.level === 'confirm')!;
    assert.match(confirm.text, /^Add \.env and private\.key to the \.gitignore of repository "[^"]+"\?$/);
    assert.match(ui.messages.find((m) => m.level === 'info')!.text, /^Wrote VONAGE_APPLICATION_ID, VONAGE_PRIVATE_KEY, VONAGE_JWT to \.env\. \.gitignore now keeps them out of git\.$/);
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 0);
    const jwt = parse(read('.env')).VONAGE_JWT;
    usedSecrets.add(jwt);
    assert.strictEqual(Number(core.verifyToken(jwt, publicKey).exp) - Number(core.verifyToken(jwt, publicKey).iat), 3600);
  });

  it('dismissing the .gitignore question writes nothing at all; "Don\'t Add" writes the files but not .gitignore', async () => {
    fs.rmSync(at('.gitignore'));
    fs.rmSync(at('.env'));
    fs.rmSync(at('private.key'));
    const answers = () => ['Env App', 'No user token', '.env', 'Application id and key file'];
    const dismissed = new QueuedUi(answers(), () => undefined);
    assert.strictEqual(await byHand(env, dismissed, 'vonage.writeEnv'), undefined, 'dismissed: cancelled quietly');
    assert.deepStrictEqual(dismissed.asked.map((a) => [a.step, a.totalSteps]), [[1, 6], [2, 6], [3, 4], [4, 4]], 'no user: no lifetime or ACL question');
    assert.deepStrictEqual(dismissed.asked[3].items, ['Application id and key file', 'Also the API key and secret'], 'no user: no token offered');
    assert.ok(dismissed.messages.some((m) => m.level === 'confirm'));
    assert.ok(!fs.existsSync(at('.env')) && !fs.existsSync(at('private.key')) && !fs.existsSync(at('.gitignore')), 'nothing was written');

    const declined = new QueuedUi(answers(), () => 'Don\'t Add');
    await byHand(env, declined, 'vonage.writeEnv');
    assert.ok(fs.existsSync(at('.env')) && fs.existsSync(at('private.key')));
    assert.ok(!fs.existsSync(at('.gitignore')), '.gitignore untouched');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 1, 'so .env is not ignored');
    await writeEnv({}); // scripted: gitignore defaults to true
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 0);
  });

  it('the API key and secret only when asked, after a warning; the secret never reaches a message', async () => {
    const declined = new QueuedUi(['Env App', 'No user token', '.env', 'Also the API key and secret'], () => undefined);
    await byHand(env, declined, 'vonage.writeEnv');
    const warning = declined.messages.find((m) => m.level === 'confirm')!;
    assert.match(warning.text, /^Write your API secret to \.env\?$/);
    assert.match(warning.detail ?? '', /leaves VS Code's secret storage/);
    assert.strictEqual(parse(read('.env')).VONAGE_API_SECRET, undefined, 'declined: not written');

    const r = await writeEnv({ includeApiSecret: true });
    assert.ok(r.written.includes('VONAGE_API_SECRET'));
    const values = parse(read('.env'));
    assert.strictEqual(values.VONAGE_API_KEY, env.sandbox.apiKey);
    assert.strictEqual(values.VONAGE_API_SECRET, env.sandbox.apiSecret);
    for (const m of declined.messages) assert.ok(!`${m.text}${m.detail ?? ''}`.includes(env.sandbox.apiSecret));
    assert.ok(!env.api.logText().includes(env.sandbox.apiSecret), 'the log never holds the secret');
    fs.writeFileSync(at('.env'), read('.env').replace(/^VONAGE_API_(KEY|SECRET)=.*\n/gm, ''));
  });

  it('names come from vonage.env.names; a bad name there is named as the setting\'s problem', async () => {
    await setConfig('vonage.env.names', { applicationId: 'APP_ID' });
    try {
      const r = await writeEnv({});
      assert.deepStrictEqual(r.written, ['APP_ID', 'VONAGE_PRIVATE_KEY']);
      assert.strictEqual(parse(read('.env')).APP_ID, appId);
      await setConfig('vonage.env.names', { jwt: '1-bad' });
      await runFails('vonage.writeEnv', { applicationId: appId }, /^The setting vonage\.env\.names\.jwt is not usable: "1-bad" cannot be a variable name: use letters, digits and underscores, not starting with a digit \(e\.g\. VONAGE_JWT\)\. Change the setting, or remove it to use VONAGE_JWT\.$/);
    } finally {
      await setConfig('vonage.env.names', undefined);
    }
  });

  it('Generate User JWT with target "env": the token goes into .env under `variable`', async () => {
    const token = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'env', file: 'client.env', variable: 'ALICE_JWT' });
    usedSecrets.add(token);
    assert.strictEqual(parse(read('client.env')).ALICE_JWT, token);
    assert.strictEqual(mode('client.env'), 0o600);
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', 'client.env'), 0, 'and git ignores it');
  });

  describe('bad input: one sentence, nothing lost', () => {
    it('a key file holding another key is not overwritten (scripted: refused; overwritePrivateKeyFile: true replaces it)', async () => {
      const other = (await core.generateKeyPair()).privateKey;
      usedSecrets.add(other);
      fs.writeFileSync(at('other.key'), other, { mode: 0o644 });
      const envBefore = read('.env');
      await runFails('vonage.writeEnv', { applicationId: appId, privateKeyFile: 'other.key' },
        /^other\.key already holds a different private key \(or something that is not this application's key\), so it was left as it was and nothing was written\. Give another file \(privateKeyFile\) or pass overwritePrivateKeyFile: true\.$/);
      assert.strictEqual(read('other.key'), other);
      assert.strictEqual(read('.env'), envBefore);
      await writeEnv({ privateKeyFile: 'other.key', overwritePrivateKeyFile: true });
      assert.ok(core.privateKeyMatches(read('other.key'), publicKey));
      assert.strictEqual(mode('other.key'), 0o600, 'a replaced key file ends 0600 whatever its mode was');
      assert.strictEqual(parse(read('.env')).VONAGE_PRIVATE_KEY, 'other.key');
    });

    it('run by hand, a key file with another key is asked about (Save Under Another Name)', async () => {
      fs.writeFileSync(at('taken.key'), 'not a key at all\n');
      fs.writeFileSync(at('.env'), 'VONAGE_PRIVATE_KEY=taken.key\n');
      const ui = new QueuedUi(['Env App', 'No user token', '.env', 'Application id and key file', 'mine.key'],
        (m) => (m.startsWith('private.key') ? 'Save Under Another Name' : m.startsWith('Add ') ? 'Add to .gitignore' : undefined));
      fs.writeFileSync(at('private.key'), 'something else\n');
      await byHand(env, ui, 'vonage.writeEnv');
      assert.match(ui.messages.find((m) => m.level === 'confirm')!.text, /^private\.key already holds a different private key \(or something that is not this application's key\)\. Overwrite it\?$/);
      assert.strictEqual(read('private.key'), 'something else\n', 'not overwritten');
      assert.strictEqual(read('taken.key'), 'not a key at all\n');
      assert.strictEqual(parse(read('.env')).VONAGE_PRIVATE_KEY, 'mine.key');
      assert.ok(core.privateKeyMatches(read('mine.key'), publicKey));
      fs.rmSync(at('private.key'));
    });

    it('a read-only .env: refused, the file and the key file untouched', async () => {
      fs.writeFileSync(at('ro.env'), 'A=1\n', { mode: 0o444 });
      fs.chmodSync(at('ro.env'), 0o444);
      fs.rmSync(at('fresh.key'), { force: true });
      await runFails('vonage.writeEnv', { applicationId: appId, file: 'ro.env', privateKeyFile: 'fresh.key' },
        /^ro\.env is read-only \(mode 0444\), so it was left as it was\. Make it writable \(chmod u\+w ro\.env\) and try again\.$/);
      assert.strictEqual(read('ro.env'), 'A=1\n');
      assert.ok(!fs.existsSync(at('fresh.key')), 'nothing else was written first');
    });

    it('a .env that dotenv cannot read at the line to change: refused, unchanged', async () => {
      const broken = 'A=1\nVONAGE_APPLICATION_ID="never closed\n';
      fs.writeFileSync(at('broken.env'), broken);
      await runFails('vonage.writeEnv', { applicationId: appId, file: 'broken.env', privateKeyFile: 'fresh.key' },
        /^dotenv cannot read the value of VONAGE_APPLICATION_ID on line 2 of broken\.env: its opening quote \("\) is not closed at the end of the value\. Fix that line and try again; nothing was written\.$/);
      assert.strictEqual(read('broken.env'), broken);
    });

    it('never outside the workspace folder: `..`, an absolute path elsewhere, a symbolic link out, a folder that is not the workspace\'s', async () => {
      await runFails('vonage.writeEnv', { applicationId: appId, file: '../outside.env' }, /^\.\.\/outside\.env is outside the workspace folder .+; files are only written inside it\. Give a path inside the folder\.$/);
      await runFails('vonage.writeEnv', { applicationId: appId, file: '/tmp/x.env' }, /^\/tmp\/x\.env is outside the workspace folder/);
      fs.symlinkSync(path.dirname(root), at('up'));
      await runFails('vonage.writeEnv', { applicationId: appId, file: 'up/escaped.env' }, /^up\/escaped\.env is outside the workspace folder .+ \(through a symbolic link\)/);
      assert.ok(!fs.existsSync(path.join(path.dirname(root), 'escaped.env')));
      fs.unlinkSync(at('up'));
      await runFails('vonage.writeEnv', { applicationId: appId, folder: '/tmp' }, /^"\/tmp" is not a folder of this workspace \(.+\); files are only written inside a workspace folder\.$/);
    });

    it('a .env with unsaved changes in the editor is left alone', async () => {
      fs.writeFileSync(at('open.env'), 'A=1\n');
      const doc = await vscode.workspace.openTextDocument(at('open.env'));
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'B=2\n'));
      try {
        await runFails('vonage.writeEnv', { applicationId: appId, file: 'open.env' }, /^open\.env has unsaved changes in the editor, so it was left as it was\. Save or revert them, then try again\.$/);
        assert.strictEqual(read('open.env'), 'A=1\n');
      } finally {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });
  });

  it('with VS Code\'s Git extension disabled, the git command answers: .gitignore still updated, check-ignore agrees', async () => {
    const sub = at('cli-repo');
    initRepo(sub);
    await setConfig('git.enabled', false);
    try {
      const r = await writeEnv({ file: 'cli-repo/.env', privateKeyFile: 'cli-repo/private.key' });
      assert.strictEqual(r.gitignoreUpdated, true);
      assert.strictEqual(fs.readFileSync(path.join(sub, '.gitignore'), 'utf8'), '/.env\n/private.key\n', 'lines relative to that repository\'s root');
      assert.strictEqual(gitCode(sub, 'check-ignore', '-q', '.env'), 0);
      assert.strictEqual(gitCode(sub, 'check-ignore', '-q', 'private.key'), 0);
      assert.match(env.api.logText(), /git answers come from the git command \(git\): VS Code's Git extension is disabled \(git\.enabled\)\./);
    } finally {
      await setConfig('git.enabled', undefined);
    }
  });
});
