// Account: Set API Key and Secret (verified before storing), per-base-URL secrets, Sign Out.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSandbox } from '../sandbox';
import { type Env, QueuedUi, eventually, labelOf, rootChildren, run, runFails, setConfig, startEnv, stopEnv, usedSecrets } from './support/harness';

describe('account: key and secret in SecretStorage, per base URL', () => {
  let env: Env;
  before(async () => { env = await startEnv({ signIn: false }); });
  after(async () => { await stopEnv(env); });

  it('signed out, the view has no nodes (the welcome text shows) and commands say to set the key first', async () => {
    assert.deepStrictEqual(await rootChildren(env.api), []);
    await runFails('vonage.createApplication', { name: 'x' }, /^No Vonage API key and secret are set for http:\/\/127\.0\.0\.1:\d+\. Set them first \(Vonage: Set API Key and Secret\)\.$/);
    assert.deepStrictEqual(await run('vonage.refresh', {}), { applications: 0 });
  });

  it('a wrong secret is rejected by the API (401) and nothing is stored', async () => {
    usedSecrets.add('definitely-wrong-secret');
    const before = env.sandbox.requests.length;
    await runFails('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: 'definitely-wrong-secret' }, /^Vonage rejected the API key or secret \(401\)\. Check them in the dashboard settings and set them again\.$/, 'unauthorized');
    assert.ok(env.sandbox.requests.slice(before).some((r) => r.status === 401), 'the pair was checked against the API');
    assert.strictEqual(await env.api.credentials.getAccount(env.baseUrl), undefined);
  });

  it('empty key or secret is bad input, said before any request', async () => {
    const before = env.sandbox.requests.length;
    await runFails('vonage.setCredentials', { apiKey: '  ', apiSecret: 'x' }, /^The API key is empty\. Copy it from the dashboard settings page\.$/);
    await runFails('vonage.setCredentials', { apiKey: 'k', apiSecret: '' }, /^The API secret is empty\. Copy it from the dashboard settings page\.$/);
    await runFails('vonage.setCredentials', { apiKey: 42, apiSecret: 'x' }, /^The argument "apiKey" must be a string\.$/);
    assert.strictEqual(env.sandbox.requests.length, before);
  });

  it('the right pair is verified, stored for this base URL only, and the view lists the (empty) account', async () => {
    const result = await run<{ apiKey: string; baseUrl: string }>('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    assert.deepStrictEqual(result, { apiKey: env.sandbox.apiKey, baseUrl: env.baseUrl, label: env.sandbox.apiKey });
    assert.deepStrictEqual(await env.api.credentials.getAccount(env.baseUrl), { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    const stored = await env.api.secrets.get(`vonage.accounts:${env.baseUrl}`);
    assert.ok(stored?.includes(env.sandbox.apiSecret), 'kept in SecretStorage');
    for (const key of ['apiBaseUrl', 'jwt.customAcl']) {
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('vonage').get(key) ?? '').includes(env.sandbox.apiSecret), `the secret is not in setting ${key}`);
    }
    const nodes = await rootChildren(env.api);
    assert.strictEqual(nodes.length, 1);
    assert.strictEqual(nodes[0].contextValue, 'vonage.message.empty');
    assert.match(labelOf(nodes[0]), /No applications yet/);
    assert.strictEqual(nodes[0].command?.command, 'vonage.createApplication');
  });

  it('walkthrough steps: their context keys are set only when the command succeeds, not when it fails', async () => {
    // Whatever suites ran before, the steps start as never done.
    const key = (k: string) => env.api.contextKey(`vonage:${k}`);
    for (const k of ['hasApplication', 'hasUser', 'generatedJwt']) await env.api.clearContextKey(`vonage:${k}`);
    assert.deepStrictEqual([key('hasApplication'), key('hasUser'), key('generatedJwt')], [undefined, undefined, undefined], 'unset before any success');
    await runFails('vonage.createApplication', { name: '  ' }, /^Enter a name for the application\.$/);
    assert.strictEqual(key('hasApplication'), undefined, 'a failed Create Application does not complete its step');
    const app = await run<{ id: string }>('vonage.createApplication', { name: 'Walkthrough App' });
    assert.strictEqual(key('hasApplication'), true);
    await runFails('vonage.createUser', { applicationId: app.id, name: ' bad' }, /^The user name cannot start or end with a space\.$/);
    assert.strictEqual(key('hasUser'), undefined, 'a failed Create User does not complete its step');
    await run('vonage.createUser', { applicationId: app.id, name: 'walker' });
    assert.strictEqual(key('hasUser'), true);
    await runFails('vonage.generateUserJwt', { applicationId: app.id, user: 'walker', ttlSeconds: 0, target: 'return' }, /^The token lifetime must be at least 1 second, not 0\.$/);
    assert.strictEqual(key('generatedJwt'), undefined, 'a failed Generate User JWT does not complete its step');
    usedSecrets.add(await run<string>('vonage.generateUserJwt', { applicationId: app.id, user: 'walker', target: 'return' }));
    assert.strictEqual(key('generatedJwt'), true);
    await run('vonage.deleteApplication', { applicationId: app.id });
  });

  it('switching the base URL to another host never sends these credentials there, and switching back restores them', async () => {
    const other = await startSandbox();
    try {
      await setConfig('vonage.apiBaseUrl', `${other.url}/`); // a trailing slash is the same host
      assert.deepStrictEqual(await rootChildren(env.api), [], 'signed out on the other host');
      await runFails('vonage.createApplication', { name: 'x' }, /^No Vonage API key and secret are set for http:\/\/127\.0\.0\.1:\d+\. Set them first \(Vonage: Set API Key and Secret\)\.$/);
      assert.strictEqual(other.requests.length, 0, 'no request reached the other host');
      await setConfig('vonage.apiBaseUrl', env.baseUrl);
      assert.strictEqual((await rootChildren(env.api))[0]?.contextValue, 'vonage.message.empty');
    } finally {
      await setConfig('vonage.apiBaseUrl', env.baseUrl);
      await other.stop();
    }
  });

  it('a malformed base URL is reported as such', async () => {
    try {
      await setConfig('vonage.apiBaseUrl', 'ftp://example.com');
      await runFails('vonage.setCredentials', { apiKey: 'k', apiSecret: 's' }, /^The base URL must start with https:\/\/ \(or http:\/\/ for a local sandbox\), not ftp:\/\/\.$/);
    } finally {
      await setConfig('vonage.apiBaseUrl', env.baseUrl);
    }
  });

  it('Sign Out with { forgetPrivateKeys: false } keeps private keys; with true forgets them', async () => {
    const app = await run<{ id: string }>('vonage.createApplication', { name: 'Kept Key App' });
    assert.ok(await env.api.credentials.getPrivateKey(env.baseUrl, app.id));
    await run('vonage.setSignatureSecret', { secret: env.sandbox.signatureSecret() });
    await run('vonage.signOut', { forgetPrivateKeys: false });
    assert.strictEqual(await env.api.credentials.getAccount(env.baseUrl), undefined);
    await eventually(async () => await env.api.webhooks.secrets.get(env.baseUrl, env.sandbox.apiKey) === undefined, 'the account\'s signature secret is forgotten with it');
    assert.ok(await env.api.credentials.getPrivateKey(env.baseUrl, app.id), 'private key kept (the default)');
    assert.deepStrictEqual(await rootChildren(env.api), []);

    await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    const node = (await rootChildren(env.api)).find((n) => n.id === `app:${app.id}`);
    assert.strictEqual(node?.contextValue, 'vonage.application.key', 'the kept key still counts after signing back in');

    const result = await run<{ forgottenPrivateKeys: number }>('vonage.signOut', { forgetPrivateKeys: true });
    assert.strictEqual(result.forgottenPrivateKeys, 1);
    assert.strictEqual(await env.api.credentials.getPrivateKey(env.baseUrl, app.id), undefined);
  });

  it('vonage:signedIn follows Set Credentials and Sign Out themselves, not only the view rendering', async () => {
    // No getChildren() here: the context key must be set by the commands (the view may never have been opened).
    const signedIn = () => env.api.contextKey('vonage:signedIn');
    await run('vonage.signOut', { forgetPrivateKeys: false });
    assert.strictEqual(signedIn(), false, 'after Sign Out');
    await run('vonage.setCredentials', { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    assert.strictEqual(signedIn(), true, 'right after Set Credentials resolves');
    await run('vonage.signOut', { forgetPrivateKeys: false });
    assert.strictEqual(signedIn(), false, 'right after Sign Out resolves');
  });

  it('vonage:signedIn is re-read when the key and secret change behind the commands (another window)', async () => {
    const signedIn = () => env.api.contextKey('vonage:signedIn');
    /** Resolves on the SecretStorage change event for this base URL's account. */
    const accountChange = () => new Promise<void>((resolve) => {
      const sub = env.api.credentials.onDidChange((c) => {
        if (c.kind === 'account' && c.baseUrl === env.baseUrl) { sub.dispose(); resolve(); }
      });
    });
    assert.strictEqual(signedIn(), false, 'signed out before');
    // Straight to SecretStorage, as another window would: only the change event's re-read can update the key.
    let changed = accountChange();
    await env.api.credentials.setAccount(env.baseUrl, { apiKey: env.sandbox.apiKey, apiSecret: env.sandbox.apiSecret });
    await changed;
    await eventually(() => signedIn() === true, 'vonage:signedIn re-read as true after the secrets change event');
    changed = accountChange();
    await env.api.credentials.deleteAccount(env.baseUrl);
    await changed;
    await eventually(() => signedIn() === false, 'vonage:signedIn re-read as false after the secrets change event');
  });

  it('Sign Out from the palette while signed out says so and asks nothing', async () => {
    const ui = new QueuedUi([]);
    env.api.setUi(ui);
    try {
      assert.deepStrictEqual(await run('vonage.signOut'), { baseUrl: env.baseUrl, forgottenPrivateKeys: 0 });
    } finally {
      env.api.setUi(undefined);
    }
    assert.deepStrictEqual(ui.messages.map((m) => [m.level, m.text]), [['info', `You are not signed in to ${env.baseUrl}: no API key and secret are stored for it.`]]);
    assert.strictEqual(env.api.contextKey('vonage:signedIn'), false);
  });
});
