// Move to .env after Add Credentials to .env: the .env already says VONAGE_PRIVATE_KEY=private.key.
// A PEM that is that very key is not written twice (the code is pointed at the key file's variable);
// another PEM is offered a name the quick fix's own check accepts, so pressing Enter moves it.
// In the real VS Code, on a real `git init` repository, through the quick fix VS Code offers.
import * as assert from 'assert';
import { parse } from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { ENTER, QueuedUi, type Env, byHand, eventually, run, startEnv, stopEnv, usedSecrets } from './support/harness';
import { commit, emptyFolder, gitCode, initRepo, workspaceRoot } from './support/gitRepo';

const WAIT = 20_000;

describe('Move to .env next to a key file the .env already names', () => {
  let env: Env;
  let root: string;
  let keep: string[];
  let storedPem: string;
  const at = (...p: string[]) => path.join(root, ...p);
  const envFile = () => parse(fs.readFileSync(at('.env'), 'utf8'));
  const warnings = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vonage');

  /** A tracked JS file holding `pem` as a string literal (with \n escapes), opened, with its warning shown. */
  async function trackedFileWithKey(name: string, pem: string): Promise<vscode.Uri> {
    fs.writeFileSync(at(name), `const privateKey = '${pem.trimEnd().replace(/\n/g, '\\n')}';\nmodule.exports = { privateKey };\n`);
    commit(root, name);
    const uri = vscode.Uri.file(at(name));
    await env.api.secretsCheck.checkDocument(await vscode.workspace.openTextDocument(uri));
    await eventually(() => warnings(uri).length === 1, `the secrets warning on ${name}`, WAIT);
    return uri;
  }

  /** Runs the "Move to .env" quick fix VS Code offers for the file's warning, answering its prompts. */
  async function moveToEnv(uri: vscode.Uri, answers: unknown[]): Promise<{ ui: QueuedUi; result: { name: string; replacedWith: string; keyFile?: string } }> {
    let move: vscode.CodeAction | undefined;
    await eventually(async () => {
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warnings(uri)[0].range, vscode.CodeActionKind.QuickFix.value);
      move = offered.find((a) => a.title === 'Move to .env');
      return move !== undefined;
    }, 'the Move to .env quick fix is offered', WAIT);
    const ui = new QueuedUi(answers);
    const result = await byHand<{ name: string; replacedWith: string; keyFile?: string }>(env, ui, move!.command!.command, ...(move!.command!.arguments ?? []) as unknown[]);
    return { ui, result };
  }

  before(async () => {
    root = workspaceRoot();
    keep = fs.readdirSync(root);
    env = await startEnv();
    const appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Key File App' })).id;
    storedPem = (await env.api.credentials.getPrivateKey(env.baseUrl, appId))!;
    usedSecrets.add(storedPem);
    initRepo(root);
    await run('vonage.writeEnv', { applicationId: appId, gitignore: true });
    assert.strictEqual(envFile().VONAGE_PRIVATE_KEY, 'private.key', 'Add Credentials to .env names the key file');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    emptyFolder(root, keep);
    await stopEnv(env);
  });

  it('the very key private.key holds: nothing new in .env, asked nothing, the code reads process.env.VONAGE_PRIVATE_KEY', async () => {
    const before = fs.readFileSync(at('.env'), 'utf8');
    const uri = await trackedFileWithKey('same-key.js', storedPem);
    const { ui, result } = await moveToEnv(uri, []);
    assert.deepStrictEqual(ui.asked, [], 'no name to choose');
    assert.strictEqual(result.name, 'VONAGE_PRIVATE_KEY');
    assert.strictEqual(result.keyFile, at('private.key'));
    assert.strictEqual(fs.readFileSync(at('.env'), 'utf8'), before, '.env unchanged');
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), 'const privateKey = process.env.VONAGE_PRIVATE_KEY;\nmodule.exports = { privateKey };\n');
    assert.match(ui.messages.find((m) => m.level === 'info')!.text,
      /^This private key is the one private\.key already holds, and \.env names that file as VONAGE_PRIVATE_KEY: nothing new was written\. It was removed from same-key\.js; same-key\.js now reads process\.env\.VONAGE_PRIVATE_KEY, the key file's path \(Vonage's SDKs take a path as privateKey\)\.$/);
    await eventually(() => warnings(uri).length === 0, 'the warning goes', WAIT);
  });

  it('another key: the name offered is one the check accepts (VONAGE_PRIVATE_KEY_2), so Enter moves it', async () => {
    const otherPem = (await core.generateKeyPair()).privateKey;
    usedSecrets.add(otherPem);
    const uri = await trackedFileWithKey('other-key.js', otherPem);
    const { ui, result } = await moveToEnv(uri, [ENTER]);
    assert.strictEqual(ui.asked[0].offered, 'VONAGE_PRIVATE_KEY_2');
    assert.strictEqual(ui.asked[0].validation, undefined, 'the offered name passed the check');
    assert.strictEqual(result.name, 'VONAGE_PRIVATE_KEY_2');
    assert.strictEqual(envFile().VONAGE_PRIVATE_KEY, 'private.key', 'the key file stays named');
    assert.strictEqual(envFile().VONAGE_PRIVATE_KEY_2, otherPem.trimEnd());
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), 'const privateKey = process.env.VONAGE_PRIVATE_KEY_2;\nmodule.exports = { privateKey };\n');
    assert.strictEqual(gitCode(root, 'check-ignore', '-q', '.env'), 0, '.env is ignored by git');
  });
});
