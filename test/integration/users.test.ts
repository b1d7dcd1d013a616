// Users: children of an application (first page at once, "Load more…" by cursor), create, copy id,
// delete — and the failures: bad name before sending, 409 taken, missing key, app deleted elsewhere.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CANCEL, QueuedUi, type Env, applicationNode, deleteElsewhere, eventually, labelOf, run, runFails, startEnv, stopEnv, within } from './support/harness';
import * as core from '../../src/vonage';

describe('users: children of an application', () => {
  let env: Env;
  let appId: string;
  /** The users part of an application's children (its capabilities and its numbers come first). */
  const children = async (id = appId) => (await env.api.tree.getChildren(await applicationNode(env.api, id) as never) as vscode.TreeItem[])
    .filter((n) => n.contextValue === 'vonage.user' || n.contextValue === 'vonage.loadMore' || n.contextValue?.startsWith('vonage.message.'));

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Users App' })).id;
  });
  after(async () => { await stopEnv(env); });
  afterEach(() => env.sandbox.clearFaults());

  it('an application with no users shows a "create one" node', async () => {
    const nodes = await children();
    assert.strictEqual(nodes.length, 1);
    assert.strictEqual(nodes[0].contextValue, 'vonage.message.noUsers');
    assert.strictEqual(nodes[0].command?.command, 'vonage.createUser');
  });

  it('createUser creates at Vonage and re-renders ONLY its application node (no refetch of applications)', async () => {
    const node = await applicationNode(env.api, appId);
    await children(); // users state loaded
    const changesBefore = env.api.tree.changeCount;
    const appListsBefore = env.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/applications')).length;
    const user = await run<{ id: string; name: string }>('vonage.createUser', { applicationId: appId, name: 'alice', displayName: 'Alice A.' });
    assert.strictEqual(user.name, 'alice');
    assert.match(user.id, /^USR-/);
    const stored = env.sandbox.users(appId).find((u) => u.id === user.id);
    assert.strictEqual(stored?.display_name, 'Alice A.');
    assert.deepStrictEqual(env.api.tree.changesSince(changesBefore), [node.id], 'only the application node was refreshed');
    assert.strictEqual(env.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/applications')).length, appListsBefore, 'applications not refetched');
    const nodes = await children();
    const alice = nodes.find((n) => labelOf(n) === 'alice');
    assert.ok(alice, 'alice appears under the application');
    assert.strictEqual(alice.contextValue, 'vonage.user');
    assert.strictEqual(alice.description, 'Alice A.');
    const tip = (alice.tooltip as vscode.MarkdownString).value;
    assert.ok(tip.includes('alice') && tip.includes('Alice A.') && tip.includes(user.id), tip);
  });

  it('a bad name is rejected as the API would, before anything is sent', async () => {
    const before = env.sandbox.requests.length;
    await runFails('vonage.createUser', { applicationId: appId, name: '' }, /^Enter a user name, e\.g\. alice\.$/);
    await runFails('vonage.createUser', { applicationId: appId, name: ' bob' }, /^The user name cannot start or end with a space\.$/);
    await runFails('vonage.createUser', { applicationId: appId, name: 'x'.repeat(101) }, /^The user name is 101 characters long; the most is 100\.$/);
    await runFails('vonage.createUser', { applicationId: appId, name: 'tab\there' }, /^The user name cannot contain control characters such as tabs or line breaks\.$/);
    assert.strictEqual(env.sandbox.requests.length, before);
  });

  it('409: the name is taken', async () => {
    await runFails('vonage.createUser', { applicationId: appId, name: 'alice' }, /^The name "alice" is taken: a user with that name already exists in this application\. Pick another name\.$/, 'conflict');
    assert.strictEqual(env.sandbox.users(appId).filter((u) => u.name === 'alice').length, 1);
  });

  it('without the application\'s private key: says to import it', async () => {
    const pair = await core.generateKeyPair();
    const [other] = env.sandbox.seedApplications(1, pair.publicKey, 'Keyless');
    await run('vonage.refresh', {});
    await runFails('vonage.createUser', { applicationId: other.id, name: 'carol' }, /^This VS Code does not hold the private key of application "Keyless 1"\. Import it first \(Vonage: Import Application Private Key\)\.$/);
    await runFails('vonage.generateUserJwt', { applicationId: other.id, user: 'carol', target: 'return' }, /^This VS Code does not hold the private key of application "Keyless 1"\. Import it first \(Vonage: Import Application Private Key\)\.$/);
  });

  it('first page at once, "Load more…" while _links.next says there are more', async () => {
    env.sandbox.seedUsers(appId, 130);
    env.api.tree.reload(await applicationNode(env.api, appId) as never);
    let nodes = await children();
    assert.strictEqual(nodes.length, 101);
    const more = nodes[100];
    assert.strictEqual(more.contextValue, 'vonage.loadMore');
    assert.strictEqual(more.command?.command, 'vonage.loadMoreUsers');
    const added = await vscode.commands.executeCommand<number>('vonage.loadMoreUsers', more);
    assert.strictEqual(added, 31);
    nodes = await children();
    assert.strictEqual(nodes.length, 131);
    assert.ok(!nodes.some((n) => n.contextValue === 'vonage.loadMore'), 'no more pages');
    assert.strictEqual(new Set(nodes.map((n) => n.id)).size, 131, 'no duplicates');
  });

  it('"Load more…" after the users were reloaded (Refresh) appends nothing: the fresh first page shows, not page 2 alone', async () => {
    const node = await applicationNode(env.api, appId);
    env.api.tree.reload(node as never);
    const more = (await children())[100];
    assert.strictEqual(more.contextValue, 'vonage.loadMore');
    env.api.tree.reload(node as never); // Refresh before the click: the "Load more…" node is stale
    assert.strictEqual(await vscode.commands.executeCommand<number>('vonage.loadMoreUsers', more), 0);
    let nodes = await children();
    assert.strictEqual(nodes.length, 101, 'the first page and a fresh "Load more…"');
    assert.strictEqual(nodes[100].contextValue, 'vonage.loadMore');

    // Refresh while the page is on its way: the late page is dropped too.
    const fresh = nodes[100];
    env.sandbox.setLatency(400);
    try {
      const pageRequests = () => env.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/users?') && r.path.includes('cursor=')).length;
      const before = pageRequests();
      const loading = Promise.resolve(vscode.commands.executeCommand<number>('vonage.loadMoreUsers', fresh));
      await eventually(() => pageRequests() > before, 'the "Load more…" page request reached the sandbox');
      env.api.tree.reload(node as never);
      assert.strictEqual(await loading, 0);
    } finally {
      env.sandbox.setLatency(0);
    }
    nodes = await children();
    assert.strictEqual(nodes.length, 101, 'still the first page and "Load more…"');
    assert.strictEqual(new Set(nodes.map((n) => n.id)).size, 101);
    // and a current "Load more…" still works
    assert.strictEqual(await vscode.commands.executeCommand<number>('vonage.loadMoreUsers', nodes[100]), 31);
    assert.strictEqual((await children()).length, 131);
  });

  it('an application expanded twice at once (VS Code and a command): one read of its first page of users', async () => {
    env.api.tree.reload(await applicationNode(env.api, appId) as never);
    const firstPages = () => env.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/users?') && !r.path.includes('cursor=')).length;
    const before = firstPages();
    const [a, b] = await Promise.all([children(), children()]);
    assert.strictEqual(firstPages() - before, 1, 'one read');
    assert.deepStrictEqual(a.map((n) => n.id), b.map((n) => n.id), 'both show the same users');
  });

  it('a user listing failure (500) shows an error node with retry under the application only', async () => {
    env.sandbox.failNext(20, { status: 500 }, { method: 'GET', pathPrefix: '/v1/users' });
    env.api.tree.reload(await applicationNode(env.api, appId) as never);
    const nodes = await children();
    assert.strictEqual(nodes.length, 1);
    assert.strictEqual(nodes[0].contextValue, 'vonage.message.error');
    env.sandbox.clearFaults();
    const retried = await run<{ users: number }>('vonage.refresh', { applicationId: appId });
    assert.strictEqual(retried.users, 100);
  });

  it('copyUserId returns the id (argument and tree-node forms)', async () => {
    const alice = env.sandbox.users(appId).find((u) => u.name === 'alice')!;
    assert.strictEqual(await run('vonage.copyUserId', { userId: alice.id }), alice.id);
    const node = (await children()).find((n) => labelOf(n) === 'alice')!;
    assert.strictEqual(await run('vonage.copyUserId', node), alice.id);
    // The clipboard is browser-side in code-server and works in this headless run (written then read back),
    // so the copy is checked for real; `within` only turns a hang into a clear failure.
    await vscode.env.clipboard.writeText('not-the-id');
    await run('vonage.copyUserId', { userId: alice.id });
    assert.strictEqual(await within(vscode.env.clipboard.readText(), 2000), alice.id);
  });

  it('deleteUser (argument form: no confirmation) deletes at Vonage and from the tree; already gone (404) is fine', async () => {
    const bob = await run<{ id: string }>('vonage.createUser', { applicationId: appId, name: 'bob' });
    assert.deepStrictEqual(await run('vonage.deleteUser', { applicationId: appId, userId: bob.id }), { id: bob.id });
    assert.ok(!env.sandbox.users(appId).some((u) => u.id === bob.id));
    assert.ok(!(await children()).some((n) => labelOf(n) === 'bob'));
    const dave = await run<{ id: string }>('vonage.createUser', { applicationId: appId, name: 'dave' });
    // "elsewhere": the user is deleted behind the extension's back
    const token = (await run<string>('vonage.generateApplicationJwt', { applicationId: appId, target: 'return' }));
    const res = await fetch(`${env.sandbox.url}/v1/users/${dave.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.strictEqual(res.status, 204);
    assert.deepStrictEqual(await run('vonage.deleteUser', { applicationId: appId, userId: dave.id }), { id: dave.id });
    // a missing userId is asked for (and dismissing the question is silent)
    const ui = new QueuedUi([CANCEL]);
    env.api.setUi(ui);
    assert.strictEqual(await run('vonage.deleteUser', { applicationId: appId }), undefined);
    env.api.setUi(undefined);
    assert.strictEqual(ui.asked[0]?.type, 'pick');
  });

  it('404 after the application was deleted elsewhere: creating a user fails with a clear error', async () => {
    const gone = await run<{ id: string }>('vonage.createApplication', { name: 'Gone App' });
    assert.strictEqual(await deleteElsewhere(env.sandbox, `/v2/applications/${gone.id}`), 204);
    // The sandbox, like Vonage, refuses a token whose application no longer exists: 401, said with what to check.
    await runFails('vonage.createUser', { applicationId: gone.id, name: 'erin' },
      /^Vonage rejected the application's token \(401\): .*\. Check that the stored private key belongs to this application and set it again if not\.$/, 'unauthorized');
  });

  it('Users API calls reuse one admin token (signed once, not per request)', async () => {
    const id = (await run<{ id: string }>('vonage.createApplication', { name: 'Token Reuse App' })).id;
    const signed = () => env.api.logText().split('\n').filter((l) => l.includes(`Signed an admin token for application ${id} `)).length;
    const usersCalls = () => env.sandbox.requests.filter((r) => r.path.startsWith('/v1/users')).length;
    const callsBefore = usersCalls();
    await run('vonage.createUser', { applicationId: id, name: 'dora' });
    await run('vonage.refresh', { applicationId: id });
    await run('vonage.refresh', { applicationId: id });
    await run('vonage.createUser', { applicationId: id, name: 'eve' });
    assert.ok(usersCalls() - callsBefore >= 4, `${usersCalls() - callsBefore} Users API calls`);
    assert.strictEqual(signed(), 1, 'one admin token signed for all of them');
  });
});
