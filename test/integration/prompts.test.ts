// The interactive forms, with queued answers instead of clicks: step numbers, Back, validation,
// modal confirmations, silence on cancel, and one short message (with its fixing action) on error.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { BACK, CANCEL, type Env, QueuedUi, applicationNode, eventually, run, startEnv, stopEnv, usedSecrets } from './support/harness';
import { AnsweringUi, BrokenErrorUi } from './support/answeringUi';
import { BackRequested, runWizard, type StepInfo } from '../../src/ui/prompts';

describe('prompts: the same commands driven like a person would', () => {
  let env: Env;
  let ui: QueuedUi;
  const use = (answers: unknown[], confirm?: (m: string) => string | undefined) => { ui = new QueuedUi(answers, confirm); env.api.setUi(ui); return ui; };

  before(async () => { env = await startEnv({ signIn: false }); });
  after(async () => {
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await stopEnv(env);
  });
  afterEach(() => { env.sandbox.clearFaults(); env.api.setUi(undefined); });

  it('Back twice, then forward: every step answered before is asked again, numbered as before', async () => {
    const answers = ['a1', 'b1', BACK, BACK, 'a2', 'b2', 'c2'];
    const seen: string[] = [];
    const values: Record<string, string | undefined> = {};
    const step = (name: string) => ({
      skip: () => values[name] !== undefined, // as the commands' steps do: known once answered
      run: (info: StepInfo) => {
        seen.push(`${name} ${String(info.step)}/${String(info.totalSteps)}`);
        const answer = answers.shift();
        if (answer === BACK) return Promise.reject(new BackRequested());
        values[name] = answer as string;
        return Promise.resolve();
      },
    });
    await runWizard('Three steps', [step('a'), step('b'), step('c')]);
    assert.deepStrictEqual(seen, ['a 1/3', 'b 2/3', 'c 3/3', 'b 2/3', 'a 1/3', 'b 2/3', 'c 3/3']);
    assert.deepStrictEqual(values, { a: 'a2', b: 'b2', c: 'c2' });
  });

  it('Set API Key and Secret: two numbered steps, validation, Back, then verified and stored', async () => {
    use(['', 'first-try', BACK, env.sandbox.apiKey, env.sandbox.apiSecret]);
    await vscode.commands.executeCommand('vonage.setCredentials');
    assert.deepStrictEqual(ui.asked.map((a) => [a.step, a.totalSteps]), [[1, 2], [2, 2], [1, 2], [2, 2]]);
    assert.strictEqual(ui.asked[0].validation, 'Enter your API key.');
    assert.strictEqual(ui.pending, 0);
    assert.deepStrictEqual(await env.api.credentials.getAccount(env.baseUrl), { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    assert.ok(ui.messages.some((m) => m.level === 'info' && m.text.includes('connected')));
  });

  it('a wrong secret typed in: one error sentence with "Set API Key and Secret" and "Open Dashboard Settings", nothing stored', async () => {
    await env.api.credentials.deleteAccount(env.baseUrl);
    usedSecrets.add('typed-wrong-secret');
    use([env.sandbox.apiKey, 'typed-wrong-secret']);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.setCredentials'), undefined, 'no throw for a person');
    const errors = ui.messages.filter((m) => m.level === 'error');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0].text, /401|key or secret/i);
    assert.deepStrictEqual(errors[0].actions, ['Set API Key and Secret', 'Open Dashboard Settings']);
    assert.strictEqual(await env.api.credentials.getAccount(env.baseUrl), undefined);
    await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
  });

  it('a wrong secret, then "Set API Key and Secret" on the error: asked again with the key still typed in (the secret is not kept)', async () => {
    await env.api.credentials.deleteAccount(env.baseUrl);
    usedSecrets.add('typed-wrong-secret-2');
    let offered = 0;
    const ui = new AnsweringUi([env.sandbox.apiKey, 'typed-wrong-secret-2', env.sandbox.apiKey, env.sandbox.apiSecret], (level, _text, actions) => {
      if (level !== 'error' || !actions.includes('Set API Key and Secret') || offered++) return undefined;
      return 'Set API Key and Secret';
    });
    env.api.setUi(ui);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.setCredentials'), undefined, 'no throw for a person');
    await eventually(async () => (await env.api.credentials.getAccount(env.baseUrl))?.apiSecret === env.sandbox.apiSecret, 'the second try stored the pair');
    assert.deepStrictEqual(ui.prefilled, [undefined, undefined, env.sandbox.apiKey, undefined], 'the key is prefilled on the second try, the secret never');
  });

  it('Create Application: name, RTC event URL (validated), voice choice and its URLs; the notification offers Copy ID and Save Private Key', async () => {
    use(['UI App', 'not a url', 'https://example.com/rtc', 'Add voice', 'https://example.com/answer', 'https://example.com/event']);
    const result = await vscode.commands.executeCommand<{ id: string }>('vonage.createApplication');
    assert.deepStrictEqual(ui.asked.map((a) => a.step), [1, 2, 3, 4, 5]);
    assert.strictEqual(ui.asked[1].validation?.includes('not a URL'), true);
    const app = env.sandbox.storedApplication(result.id)!.application;
    assert.strictEqual(app.capabilities?.voice?.webhooks?.answer_url?.address, 'https://example.com/answer');
    assert.strictEqual(app.capabilities?.rtc?.webhooks?.event_url?.address, 'https://example.com/rtc');
    await eventually(() => ui.messages.some((m) => m.level === 'info' && m.text.includes(result.id)), 'creation notification');
    assert.deepStrictEqual(ui.messages.find((m) => m.text.includes(result.id))?.actions, ['Copy ID', 'Save Private Key…']);
  });

  it('dismissing a prompt is silent: no message, nothing created', async () => {
    const apps = env.sandbox.applications().length;
    use([CANCEL]);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.createApplication'), undefined);
    assert.strictEqual(ui.messages.length, 0);
    assert.strictEqual(env.sandbox.applications().length, apps);
  });

  it('an API failure during a person\'s command: one short sentence plus "Show Log"', async () => {
    env.sandbox.failNext(1, { status: 500 }, { method: 'POST', pathPrefix: '/v2/applications' });
    use(['Will Fail', '', 'No voice']);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.createApplication'), undefined);
    const errors = ui.messages.filter((m) => m.level === 'error');
    assert.strictEqual(errors.length, 1);
    assert.deepStrictEqual(errors[0].actions, ['Show Log']);
    assert.ok(errors[0].text.length < 300 && !errors[0].text.includes('\n'), errors[0].text);
  });

  it('when showing the error itself fails, the failure goes to the log (no unhandled rejection)', async () => {
    env.sandbox.failNext(1, { status: 500 }, { method: 'POST', pathPrefix: '/v2/applications' });
    env.api.setUi(new BrokenErrorUi(['Broken Notice', '', 'No voice']));
    assert.strictEqual(await vscode.commands.executeCommand('vonage.createApplication'), undefined);
    await eventually(() => env.api.logText().includes('vonage.createApplication: showing the error (or running its action) failed'), 'the rejection is logged');
    assert.match(env.api.logText(), /the notification could not be shown/);
  });

  it('Create User from the application node: asks only name and display name', async () => {
    const app = env.sandbox.applications().find((a) => a.name === 'UI App')!;
    use(['', 'zoe', 'Zoe Z.']);
    const node = await applicationNode(env.api, app.id);
    const user = await vscode.commands.executeCommand<{ id: string; name: string }>('vonage.createUser', node);
    assert.strictEqual(user.name, 'zoe');
    assert.strictEqual(ui.asked.length, 2, 'two prompts (the name asked again after validation)');
    assert.match(String(ui.asked[0].validation), /Enter a user name/);
    assert.strictEqual(env.sandbox.users(app.id).find((u) => u.name === 'zoe')?.display_name, 'Zoe Z.');
  });

  it('Create User, name taken (409): the error offers "Try Again", which asks again with what was typed prefilled', async () => {
    const app = env.sandbox.applications().find((a) => a.name === 'UI App')!;
    let offered = 0;
    const ui = new AnsweringUi(['zoe', 'Zoe Again', 'zoe2', 'Zoe Two'], (level, _text, actions) => {
      if (level !== 'error' || !actions.includes('Try Again') || offered++) return undefined;
      return 'Try Again';
    });
    env.api.setUi(ui);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.createUser', await applicationNode(env.api, app.id)), undefined);
    await eventually(() => env.sandbox.users(app.id).some((u) => u.name === 'zoe2'), 'the second try created zoe2');
    const errors = ui.messages.filter((m) => m.level === 'error');
    assert.deepStrictEqual(errors.map((m) => [m.text, m.actions]), [[
      'The name "zoe" is taken: a user with that name already exists in this application. Pick another name.', ['Try Again', 'Show Log'],
    ]]);
    assert.deepStrictEqual(ui.asked.map((a) => a.text), [
      'User name in "UI App" (the JWT\'s sub)', 'Display name (optional)', 'User name in "UI App" (the JWT\'s sub)', 'Display name (optional)',
    ], 'the retry shows the name step again (not skipped because a name was given)');
    assert.deepStrictEqual(ui.prefilled, [undefined, 'zoe', 'zoe', 'Zoe Again'], 'the retry\'s boxes hold what was typed');
    assert.strictEqual(env.sandbox.users(app.id).find((u) => u.name === 'zoe2')?.display_name, 'Zoe Two');
    assert.strictEqual(env.sandbox.users(app.id).filter((u) => u.name === 'zoe').length, 1);
  });

  it('Generate User JWT: application, user (typed), lifetime 8 hours, Client SDK ACL → a new document, and a notification with Copy', async () => {
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const app = env.sandbox.applications().find((a) => a.name === 'UI App')!;
    use([(items: { description?: string; value: unknown }[]) => items.find((i) => i.description === app.id)!.value, 'somebody', '8 hours', 'Client SDK']);
    const token = await vscode.commands.executeCommand<string>('vonage.generateUserJwt');
    usedSecrets.add(token);
    assert.deepStrictEqual(ui.asked.map((a) => [a.step, a.totalSteps]), [[1, 4], [2, 4], [3, 4], [4, 4]]);
    assert.ok(ui.asked[1].items?.some((l) => l.includes('zoe')), 'the application\'s users were offered');
    const claims = core.verifyToken(token, env.sandbox.storedApplication(app.id)!.publicKey);
    assert.strictEqual(claims.sub, 'somebody');
    assert.strictEqual(Number(claims.exp) - Number(claims.iat), 8 * 3600);
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), token);
    await eventually(() => ui.messages.some((m) => m.level === 'info' && m.text.includes('"somebody"')), 'token notification');
    const note = ui.messages.find((m) => m.text.includes('"somebody"'))!;
    assert.match(note.text, /expires in 8 hours/);
    assert.deepStrictEqual(note.actions, ['Copy']);
    assert.ok(!note.text.includes(token), 'the notification does not show the token itself');
  });

  it('from a user node it asks only lifetime and ACL; a custom lifetime in milliseconds is refused with a hint', async () => {
    const app = env.sandbox.applications().find((a) => a.name === 'UI App')!;
    const appNode = await applicationNode(env.api, app.id);
    const zoe = (await env.api.tree.getChildren(appNode as never)).find((n) => n.label === 'zoe');
    assert.ok(zoe, 'zoe is under UI App');
    use(['Custom…', '3600000', '120', 'Client SDK']);
    const token = await vscode.commands.executeCommand<string>('vonage.generateUserJwt', zoe);
    assert.ok(token, `no token; messages: ${JSON.stringify(ui.messages)}`);
    usedSecrets.add(token);
    assert.strictEqual(ui.asked.length, 3);
    assert.match(String(ui.asked[1].validation), /millisecond/i);
    const claims = core.decodeToken(token).claims;
    assert.strictEqual(claims.sub, 'zoe');
    assert.strictEqual(Number(claims.exp) - Number(claims.iat), 120);
  });

  it('an application without a key here: the pick explains it, and choosing it says to import the key (with the action)', async () => {
    const pair = await core.generateKeyPair();
    usedSecrets.add(pair.privateKey);
    const [keyless] = env.sandbox.seedApplications(1, pair.publicKey, 'No Key Here');
    await run('vonage.refresh', {});
    use([(items: { description?: string; detail?: string; value: unknown }[]) => {
      const item = items.find((i) => i.description === keyless.id)!;
      assert.match(String(item.detail), /does not hold its private key/);
      return item.value;
    }]);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.generateUserJwt'), undefined);
    const err = ui.messages.find((m) => m.level === 'error');
    assert.match(String(err?.text), /does not hold the private key of application "No Key Here 1"/);
    assert.deepStrictEqual(err?.actions, ['Import Private Key']);

    // the import, from the node's "needs key" child: paste, validated as typed
    const node = await applicationNode(env.api, keyless.id);
    const needsKey = (await env.api.tree.getChildren(node as never)).find((n) => n.contextValue === 'vonage.message.needsKey')!;
    use(['Paste', 'garbage', pair.privateKey.replace(/\n/g, '')]);
    await vscode.commands.executeCommand(needsKey.command!.command, ...(needsKey.command!.arguments as unknown[]));
    assert.ok(ui.asked[1].validation, 'garbage was refused while typing');
    assert.strictEqual((await applicationNode(env.api, keyless.id)).contextValue, 'vonage.application.key');
  });

  it('importing a key for an application that reports no public key: imported, with a warning that it could not be checked', async () => {
    const pair = await core.generateKeyPair();
    usedSecrets.add(pair.privateKey);
    const [app] = env.sandbox.seedApplications(1, pair.publicKey, 'Unchecked');
    await run('vonage.refresh', {});
    // The sandbox always returns the public key; Vonage may not: the loaded application stands in for such an answer.
    const node = await applicationNode(env.api, app.id) as vscode.TreeItem & { app: { keys?: unknown } };
    delete node.app.keys;
    const ui = use([]);
    assert.deepStrictEqual(await vscode.commands.executeCommand('vonage.importPrivateKey', { applicationId: app.id, privateKey: pair.privateKey, interactive: true }), { applicationId: app.id });
    assert.deepStrictEqual(ui.messages.map((m) => [m.level, m.text]), [['warn',
      'Private key of "Unchecked 1" imported, but it could not be checked: Vonage reports no public key for this application. If its users or JWTs are then refused (401), import the key that was saved when the application was created.']]);
    assert.ok(await env.api.credentials.getPrivateKey(env.baseUrl, app.id), 'stored all the same');
  });

  it('Delete Application asks in a modal naming the application; no answer keeps it, "Delete" deletes', async () => {
    const app = env.sandbox.applications().find((a) => a.name === 'UI App')!;
    const node = await applicationNode(env.api, app.id);
    use([]);
    assert.strictEqual(await vscode.commands.executeCommand('vonage.deleteApplication', node), undefined);
    assert.match(ui.messages[0].text, /Delete the application "UI App"\?/);
    assert.ok(env.sandbox.applications().some((a) => a.id === app.id), 'kept');
    use([], () => 'Delete');
    await vscode.commands.executeCommand('vonage.deleteApplication', node);
    assert.ok(!env.sandbox.applications().some((a) => a.id === app.id), 'deleted');
  });

  it('Sign Out asks whether to forget private keys; keeping them is the first choice', async () => {
    use([], () => 'Sign Out, Keep Private Keys');
    await vscode.commands.executeCommand('vonage.signOut');
    assert.deepStrictEqual(ui.messages[0].actions, ['Sign Out, Keep Private Keys', 'Sign Out and Forget Private Keys']);
    assert.strictEqual(await env.api.credentials.getAccount(env.baseUrl), undefined);
    assert.ok((await env.api.credentials.privateKeyIds(env.baseUrl)).length > 0);
  });
});
