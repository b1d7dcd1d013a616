// Several accounts per API host: migration of milestone 1's single account, labels (unique per host),
// Switch Account in both forms, the status bar and the view description, Sign Out of the active account
// or all, private keys kept per host, and apiSecrets() for the secrets-in-git check.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSandbox, type VonageSandbox } from '../sandbox';
import { type Env, QueuedUi, byHand, eventually, extensionApi, labelOf, rootChildren, run, runFails, setConfig, startEnv, stopEnv, usedSecrets } from './support/harness';

const CLIENT = { apiKey: 'client-key', apiSecret: 'client-secret-1234' };

describe('accounts: several per host, switched, migrated', () => {
  let env: Env;
  const status = () => env.api.accountStatus.shown;
  const description = () => env.api.tree.view?.description;

  before(async () => {
    env = await startEnv();
    env.sandbox.addAccount(CLIENT.apiKey, CLIENT.apiSecret);
    usedSecrets.add(CLIENT.apiSecret);
  });
  after(async () => { await stopEnv(env); });

  it('a second account with a label: verified, stored next to the first, made active; the view lists its applications', async () => {
    const mine = await run<{ id: string }>('vonage.createApplication', { name: 'Personal App' });
    const result = await run('vonage.setCredentials', { ...CLIENT, label: 'Client X' });
    assert.deepStrictEqual(result, { apiKey: CLIENT.apiKey, baseUrl: env.baseUrl, label: 'Client X' });
    assert.deepStrictEqual(await env.api.credentials.listAccounts(env.baseUrl), [
      { label: env.sandbox.apiKey, apiKey: env.sandbox.apiKey, active: false },
      { label: 'Client X', apiKey: CLIENT.apiKey, active: true },
    ]);
    assert.deepStrictEqual(await env.api.credentials.getAccount(env.baseUrl), CLIENT, 'getAccount is the active account');
    await run('vonage.createApplication', { name: 'Client App' });
    assert.deepStrictEqual((await rootChildren(env.api)).map(labelOf), ['Client App'], 'only the active account\'s applications');
    assert.ok(await env.api.credentials.getPrivateKey(env.baseUrl, mine.id), 'the other account\'s private key is still here');
  });

  it('the status bar and the view description show the active account: label and key, never the secret', async () => {
    // What the status bar reads (also right after activation, the view closed): labels and keys, no secret.
    const labels = await env.api.secrets.get(`vonage.accountLabels:${env.baseUrl}`);
    assert.deepStrictEqual(JSON.parse(labels!), { active: CLIENT.apiKey, accounts: [{ label: env.sandbox.apiKey, apiKey: env.sandbox.apiKey }, { label: 'Client X', apiKey: CLIENT.apiKey }] });
    assert.ok(!labels!.includes(CLIENT.apiSecret) && !labels!.includes(env.sandbox.apiSecret));
    await eventually(() => status()?.text === '$(account) Client X (client-key)', `status bar shows Client X (has ${JSON.stringify(status())})`);
    assert.strictEqual(description(), 'Client X (client-key)');
    assert.match(status()!.tooltip, /^Vonage account Client X \(client-key\) at http:\/\/127\.0\.0\.1:\d+\. Click to switch to one of the 1 other account stored for this host\.$/);
    assert.ok(!JSON.stringify(status()).includes(CLIENT.apiSecret));
  });

  it('a label already used on this host (any case) is refused before anything is sent', async () => {
    const before = env.sandbox.requests.length;
    await runFails('vonage.setCredentials', { apiKey: 'third-key', apiSecret: 'third-secret', label: 'client x' },
      /^The label "client x" is already used by the account with API key client-key\. Choose another label\.$/);
    assert.strictEqual(env.sandbox.requests.length, before);
  });

  it('Switch Account by argument: the other account becomes active, the view reloads with its applications', async () => {
    const result = await run('vonage.switchAccount', { apiKey: env.sandbox.apiKey });
    assert.deepStrictEqual(result, { apiKey: env.sandbox.apiKey, label: env.sandbox.apiKey, baseUrl: env.baseUrl });
    assert.deepStrictEqual((await rootChildren(env.api)).map(labelOf), ['Personal App']);
    await eventually(() => status()?.text === `$(account) ${env.sandbox.apiKey}`, 'status bar follows');
    assert.strictEqual((JSON.parse((await env.api.secrets.get(`vonage.accountLabels:${env.baseUrl}`))!) as { active: string }).active, env.sandbox.apiKey, 'the list without secrets follows');
    await runFails('vonage.switchAccount', { apiKey: 'nobody' },
      /^No account with API key "nobody" is stored for http:\/\/127\.0\.0\.1:\d+\. Add it first \(Vonage: Set API Key and Secret\)\.$/);
  });

  it('Switch Account by the pick (the status bar\'s command): labels and keys, the active one marked, and "Add another account…"', async () => {
    const ui = new QueuedUi(['Client X']);
    await byHand(env, ui, 'vonage.switchAccount');
    assert.deepStrictEqual(ui.asked[0].items, [`$(check) ${env.sandbox.apiKey}`, '$(account) Client X', '$(add) Add another account…']);
    assert.strictEqual((await env.api.credentials.activeAccount(env.baseUrl))?.apiKey, CLIENT.apiKey);
    assert.deepStrictEqual((await rootChildren(env.api)).map(labelOf), ['Client App']);
  });

  it('Set API Key and Secret by hand, once the host has an account, asks for a label (refusing a used one while typing)', async () => {
    env.sandbox.addAccount('third-key', 'third-secret-5678');
    usedSecrets.add('third-secret-5678');
    const ui = new QueuedUi(['third-key', 'third-secret-5678', 'Client X', 'Side Project']);
    await byHand(env, ui, 'vonage.setCredentials');
    assert.strictEqual(ui.asked[2].validation, 'The label "Client X" is already used by the account with API key client-key. Choose another label.');
    assert.deepStrictEqual(ui.messages.map((m) => m.text), ['Vonage account "Side Project" connected (API key third-key).']);
    assert.strictEqual((await env.api.credentials.activeAccount(env.baseUrl))?.label, 'Side Project');
  });

  it('Sign Out acts on the active account: another becomes active; its private keys are forgotten only when asked, and only its own', async () => {
    await run('vonage.switchAccount', { apiKey: CLIENT.apiKey });
    const clientApp = (await rootChildren(env.api)).find((n) => labelOf(n) === 'Client App')!.id!.slice('app:'.length);
    await run('vonage.switchAccount', { apiKey: env.sandbox.apiKey });
    const personalApp = (await rootChildren(env.api)).find((n) => labelOf(n) === 'Personal App')!.id!.slice('app:'.length);
    const result = await run<{ signedOut: string[]; active: string; forgottenPrivateKeys: number }>('vonage.signOut', { forgetPrivateKeys: true });
    assert.deepStrictEqual(result.signedOut, [env.sandbox.apiKey]);
    assert.strictEqual(result.forgottenPrivateKeys, 1);
    assert.strictEqual(await env.api.credentials.getPrivateKey(env.baseUrl, personalApp), undefined, 'the signed-out account\'s key is gone');
    assert.ok(await env.api.credentials.getPrivateKey(env.baseUrl, clientApp), 'the other account\'s key stays');
    assert.ok(result.active === CLIENT.apiKey || result.active === 'third-key');
    assert.strictEqual(env.api.contextKey('vonage:signedIn'), true, 'still signed in: another account is active');
    await eventually(() => status()?.text.includes(result.active) ?? false, 'the status bar shows the account now active');
  });

  it('Sign Out of all accounts (asked which, when there are several): signed out, the status bar hides', async () => {
    const ui = new QueuedUi(['all'], () => 'Sign Out, Keep Private Keys');
    await byHand(env, ui, 'vonage.signOut');
    assert.match(String(ui.asked[0].items?.[1]), /^Sign out of all 2 accounts$/);
    assert.deepStrictEqual(await env.api.credentials.listAccounts(env.baseUrl), []);
    assert.strictEqual(env.api.contextKey('vonage:signedIn'), false);
    await eventually(() => status() === undefined && description() === undefined, 'the status bar item and the description are gone');
    assert.strictEqual(await env.api.secrets.get(`vonage.accountLabels:${env.baseUrl}`), undefined, 'the list without secrets is gone too');
    await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
  });

  it('apiSecrets(): every API secret stored in this VS Code, every host and account', async () => {
    await run('vonage.setCredentials', { ...CLIENT, label: 'Client X' });
    const secrets = await env.api.credentials.apiSecrets();
    assert.ok(secrets.includes(env.sandbox.apiSecret) && secrets.includes(CLIENT.apiSecret), 'both accounts of this host');
    assert.ok(!env.api.logText().includes(CLIENT.apiSecret));
  });
});

describe('accounts: milestone 1\'s single account migrates without asking', () => {
  let sandbox: VonageSandbox;
  let original: string | undefined;

  before(async () => {
    sandbox = await startSandbox({ apiKey: 'legacy-key', apiSecret: 'legacy-secret-9012' });
    usedSecrets.add('legacy-secret-9012');
    original = vscode.workspace.getConfiguration('vonage').get<string>('apiBaseUrl');
  });
  after(async () => {
    await setConfig('vonage.apiBaseUrl', original);
    await sandbox.stop();
  });

  it('the old vonage.account:<host> entry becomes the active account (labelled by its key), once; the extension just works', async () => {
    const api = await extensionApi();
    // As milestone 1 left it, before this version ever read this host.
    await api.secrets.store(`vonage.account:${sandbox.url}`, JSON.stringify({ apiKey: 'legacy-key', apiSecret: 'legacy-secret-9012' }));
    // Another host where both layouts exist (a migration interrupted after writing the new one): not added twice.
    const other = `${sandbox.url}/other`;
    await api.secrets.store(`vonage.accounts:${other}`, JSON.stringify({ active: 'legacy-key', accounts: [{ label: 'Kept', apiKey: 'legacy-key', apiSecret: 'legacy-secret-9012' }] }));
    await api.secrets.store(`vonage.account:${other}`, JSON.stringify({ apiKey: 'legacy-key', apiSecret: 'legacy-secret-9012' }));

    await setConfig('vonage.apiBaseUrl', sandbox.url);
    const app = await run<{ id: string }>('vonage.createApplication', { name: 'After Migration' });
    assert.ok(sandbox.storedApplication(app.id), 'the migrated key and secret work against the API');
    assert.deepStrictEqual(await api.credentials.listAccounts(sandbox.url), [{ label: 'legacy-key', apiKey: 'legacy-key', active: true }]);
    assert.strictEqual(await api.secrets.get(`vonage.account:${sandbox.url}`), undefined, 'the old entry is gone');
    assert.ok(/Moved the stored API key legacy-key/.test(api.logText()));

    assert.deepStrictEqual(await api.credentials.listAccounts(other), [{ label: 'Kept', apiKey: 'legacy-key', active: true }], 'not added twice; the label kept');
    assert.strictEqual(await api.secrets.get(`vonage.account:${other}`), undefined);
    assert.ok((await api.credentials.apiSecrets()).includes('legacy-secret-9012'));
    // Both hosts now have the list the status bar reads (written by the migration, or for a record stored before the list existed).
    assert.deepStrictEqual(JSON.parse((await api.secrets.get(`vonage.accountLabels:${sandbox.url}`))!), { active: 'legacy-key', accounts: [{ label: 'legacy-key', apiKey: 'legacy-key' }] });
    assert.deepStrictEqual(JSON.parse((await api.secrets.get(`vonage.accountLabels:${other}`))!), { active: 'legacy-key', accounts: [{ label: 'Kept', apiKey: 'legacy-key' }] });
    await eventually(() => api.accountStatus.shown?.text === '$(account) legacy-key', 'the status bar shows the migrated account');
  });
});
