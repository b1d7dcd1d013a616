// JWTs: user tokens (sub = user name, tutorial ACL or custom, lifetime ≤ 24 h) into every selection of
// the editor, a new untitled document, the clipboard, or just returned; application (admin) tokens.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as core from '../../src/vonage';
import { QueuedUi, type Env, run, runFails, setConfig, startEnv, stopEnv, usedSecrets, within } from './support/harness';

async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme !== 'output'); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('JWTs: user and application tokens', () => {
  let env: Env;
  let appId: string;
  let publicKey: string;
  let userId: string;
  const token = async (args: Record<string, unknown>) => {
    const t = await run<string>('vonage.generateUserJwt', { applicationId: appId, target: 'return', ...args });
    usedSecrets.add(t);
    return t;
  };

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'JWT App' })).id;
    publicKey = env.sandbox.storedApplication(appId)!.publicKey;
    userId = (await run<{ id: string }>('vonage.createUser', { applicationId: appId, name: 'alice' })).id;
  });
  after(async () => {
    await setConfig('vonage.jwt.customAcl', undefined);
    await setConfig('vonage.jwt.defaultAcl', undefined);
    await setConfig('vonage.jwt.defaultTtlSeconds', undefined);
    await closeAllEditors();
    await stopEnv(env);
  });

  it('copyUserJwt returns the token (target clipboard by default) from a user node too', async () => {
    const appNode = (await env.api.tree.getChildren()).find((n) => n.id === `app:${appId}`)!;
    const alice = (await env.api.tree.getChildren(appNode)).find((n) => n.label === 'alice')!;
    await vscode.env.clipboard.writeText('before');
    const ui = new QueuedUi(['24 hours', 'Client SDK']); // from a node it asks the lifetime and the ACL
    env.api.setUi(ui);
    const t = await within(vscode.commands.executeCommand<string>('vonage.copyUserJwt', alice), 10_000);
    env.api.setUi(undefined);
    assert.ok(t, `copyUserJwt did not finish within 10 s; asked ${JSON.stringify(ui.asked)}, messages ${JSON.stringify(ui.messages)}`);
    assert.strictEqual(ui.asked.length, 2);
    usedSecrets.add(t);
    assert.strictEqual(core.verifyToken(t, publicKey).sub, 'alice');
    // The clipboard is browser-side in code-server and works in this headless run: checked for real.
    assert.strictEqual(await within(vscode.env.clipboard.readText(), 2000), t);
  });

  it('a user token as the tutorial makes it: RS256, sub = name, application_id, jti, 24 h, the Client SDK ACL', async () => {
    const t = await token({ user: 'alice' });
    const decoded = core.decodeToken(t);
    assert.deepStrictEqual(decoded.header, { alg: 'RS256', typ: 'JWT' });
    const claims = core.verifyToken(t, publicKey);
    assert.strictEqual(claims.sub, 'alice');
    assert.strictEqual(claims.application_id, appId);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    assert.strictEqual(Number(claims.exp) - Number(claims.iat), 86400);
    assert.deepStrictEqual(claims.acl, core.CLIENT_SDK_ACL);
  });

  it('user given by id resolves to its name; a typed name that is not (yet) a user is accepted', async () => {
    assert.strictEqual(core.verifyToken(await token({ user: userId }), publicKey).sub, 'alice');
    assert.strictEqual(core.verifyToken(await token({ user: 'someone-new' }), publicKey).sub, 'someone-new');
  });

  it('lifetime: 3600 ok; more than 24 h, zero, fractions and milliseconds are rejected with a reason', async () => {
    const c = core.verifyToken(await token({ user: 'alice', ttlSeconds: 3600 }), publicKey);
    assert.strictEqual(Number(c.exp) - Number(c.iat), 3600);
    await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', ttlSeconds: 86401, target: 'return' }, /^The token lifetime is at most 86400 seconds \(24 hours\), the longest Vonage accepts; 86401 is longer\.$/);
    await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', ttlSeconds: 0, target: 'return' }, /^The token lifetime must be at least 1 second, not 0\.$/);
    await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', ttlSeconds: 1.5, target: 'return' }, /^The token lifetime must be a whole number of seconds, not 1\.5\. For example 3600 is one hour\.$/);
    await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', ttlSeconds: 86_400_000, target: 'return' }, /^The token lifetime 86400000 is longer than the maximum of 86400 seconds \(24 hours\)\. If you meant milliseconds, that is 86400 seconds \(24 hours\): enter 86400\.$/);
  });

  it('default lifetime and ACL come from the settings; the custom ACL from vonage.jwt.customAcl', async () => {
    const custom = { paths: { '/*/users/**': {}, '/*/conversations/**': {} } };
    await setConfig('vonage.jwt.customAcl', custom);
    await setConfig('vonage.jwt.defaultAcl', 'custom');
    await setConfig('vonage.jwt.defaultTtlSeconds', 7200);
    try {
      const c = core.verifyToken(await token({ user: 'alice' }), publicKey);
      assert.deepStrictEqual(c.acl, custom);
      assert.strictEqual(Number(c.exp) - Number(c.iat), 7200);
      assert.deepStrictEqual(core.verifyToken(await token({ user: 'alice', acl: 'clientSdk' }), publicKey).acl, core.CLIENT_SDK_ACL);
      assert.deepStrictEqual(core.verifyToken(await token({ user: 'alice', acl: { paths: { '/*/legs/**': {} } } }), publicKey).acl, { paths: { '/*/legs/**': {} } });
      await setConfig('vonage.jwt.customAcl', { nopaths: true });
      await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' }, /^The setting vonage\.jwt\.customAcl is not a valid ACL: The ACL has an unexpected key "nopaths"; an ACL holds only "paths", e\.g\. \{"paths": \{"\/\*\/users\/\*\*": \{\}\}\}\.$/);
      await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', acl: '{not json', target: 'return' }, /^The ACL is not valid JSON \(.+\)\. Enter JSON such as \{"paths": \{"\/\*\/users\/\*\*": \{\}\}\}\.$/);
    } finally {
      await setConfig('vonage.jwt.customAcl', undefined);
      await setConfig('vonage.jwt.defaultAcl', undefined);
      await setConfig('vonage.jwt.defaultTtlSeconds', undefined);
    }
  });

  it('a bad vonage.jwt.defaultTtlSeconds in settings.json is named as the setting\'s problem, with what to do', async () => {
    await setConfig('vonage.jwt.defaultTtlSeconds', 90000);
    try {
      await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' },
        /^The setting vonage\.jwt\.defaultTtlSeconds is not a valid token lifetime: The token lifetime 90000 is longer than the maximum of 86400 seconds \(24 hours\)\. If you meant milliseconds, that is 90 seconds: enter 90\. Change the setting to a whole number of seconds from 1 to 86400, or give the lifetime \(ttlSeconds\) with the command\.$/);
      await setConfig('vonage.jwt.defaultTtlSeconds', 90001);
      await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' },
        /^The setting vonage\.jwt\.defaultTtlSeconds is not a valid token lifetime: The token lifetime is at most 86400 seconds \(24 hours\), the longest Vonage accepts; 90001 is longer\. Change the setting to a whole number of seconds from 1 to 86400, or give the lifetime \(ttlSeconds\) with the command\.$/);
      // a lifetime given with the command does not need the setting
      const c = core.verifyToken(await token({ user: 'alice', ttlSeconds: 600 }), publicKey);
      assert.strictEqual(Number(c.exp) - Number(c.iat), 600);
    } finally {
      await setConfig('vonage.jwt.defaultTtlSeconds', undefined);
    }
  });

  it('bad arguments are named: no user, unknown target', async () => {
    await runFails('vonage.generateUserJwt', { applicationId: appId, user: '  ', target: 'return' }, /^Say whose token it is \(user: the user name\)\.$/);
    await runFails('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'printer' }, /^target must be "insert", "clipboard", "return" or "env", not "printer"\.$/);
  });

  it('target insert replaces EVERY selection of the active editor', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'const a = "X";\nconst b = "Y";\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selections = [new vscode.Selection(0, 11, 0, 12), new vscode.Selection(1, 11, 1, 12)];
    const t = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice' });
    usedSecrets.add(t);
    assert.strictEqual(doc.getText(), `const a = "${t}";\nconst b = "${t}";\n`);
    await closeAllEditors();
  });

  it('with no editor open the token opens in a new untitled document', async () => {
    await closeAllEditors();
    const t = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'insert' });
    usedSecrets.add(t);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor was opened');
    assert.strictEqual(editor.document.isUntitled, true);
    assert.strictEqual(editor.document.getText(), t);
    await closeAllEditors();
  });

  it('generateApplicationJwt: an admin token with no sub, 15 minutes by default, accepted by the Users API', async () => {
    const t = await run<string>('vonage.generateApplicationJwt', { applicationId: appId, target: 'return' });
    usedSecrets.add(t);
    const c = core.verifyToken(t, publicKey);
    assert.strictEqual(c.sub, undefined);
    assert.strictEqual(c.application_id, appId);
    assert.strictEqual(Number(c.exp) - Number(c.iat), 900);
    const res = await fetch(`${env.sandbox.url}/v1/users`, { headers: { authorization: `Bearer ${t}` } });
    assert.strictEqual(res.status, 200);
    const c2 = core.verifyToken(await run<string>('vonage.generateApplicationJwt', { applicationId: appId, ttlSeconds: 3600, target: 'return' }), publicKey);
    assert.strictEqual(Number(c2.exp) - Number(c2.iat), 3600);
  });
});
