// Edit User and Find User in both forms: PATCH with only what changed (display name, image URL, custom data),
// each refusal before sending, 404 deleted elsewhere, the tooltip with image URL and custom data, and the
// API's name filter revealing a user beyond the pages loaded.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { User } from '../../src/vonage';
import { AnsweringUi } from './support/answeringUi';
import { type Env, QueuedUi, applicationNode, eventually, labelOf, run, runFails, startEnv, stopEnv } from './support/harness';

describe('manage users: Edit User and Find User', () => {
  let env: Env;
  let appId: string;
  let alice: { id: string; name: string };
  const patches = () => env.sandbox.requests.filter((r) => r.method === 'PATCH');
  const stored = (id = alice.id) => env.sandbox.users(appId).find((u) => u.id === id)!;
  const userNodes = async () => (await env.api.tree.getChildren(await applicationNode(env.api, appId) as never)).filter((n) => n.contextValue === 'vonage.user');

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'People App' })).id;
  });
  after(async () => { await stopEnv(env); });
  beforeEach(async () => {
    env.api.setUi(undefined);
    env.sandbox.clearFaults();
    alice = await run<{ id: string; name: string }>('vonage.createUser', { applicationId: appId, name: `alice-${Date.now()}`, displayName: 'Alice' });
  });

  it('the argument form: PATCH carries only what was given, custom data as properties.custom_data', async () => {
    const before = env.sandbox.requests.length;
    const user = await run<User>('vonage.editUser', { applicationId: appId, userId: alice.id, imageUrl: 'https://img.example/alice.png', customData: { team: 'blue', seat: 12 } });
    assert.strictEqual(user.image_url, 'https://img.example/alice.png');
    assert.deepStrictEqual(env.sandbox.requests.slice(before).map((r) => r.method), ['PATCH'], 'one PATCH, no read first');
    assert.strictEqual(stored().display_name, 'Alice', 'not given, kept');
    assert.deepStrictEqual(stored().properties, { custom_data: { team: 'blue', seat: 12 } });
    // custom data as JSON text works too (a keybinding's args are JSON anyway)
    await run('vonage.editUser', { applicationId: appId, userId: alice.id, customData: '{"team": "green"}' });
    assert.deepStrictEqual(stored().properties, { custom_data: { team: 'green' } });
  });

  const refusals: [string, Record<string, unknown>, RegExp][] = [
    ['an image URL without scheme', { imageUrl: 'img.example/a.png' }, /^The image URL "img\.example\/a\.png" is not a URL\. Enter a full address such as https:\/\/example\.com\/avatars\/alice\.png\.$/],
    ['custom data that is not a JSON object', { customData: '[1, 2]' }, /^Custom data must be a JSON object such as \{"team": "blue"\}, not an array\.$/],
    ['custom data that is not JSON at all', { customData: '{team: blue}' }, /^Custom data is not valid JSON \(.+\)\. Write an object such as \{"team": "blue"\}\.$/],
    ['nothing to change', {}, /^Nothing to change: give a display name, image URL or custom data\.$/],
    ['a new name with spaces around it', { name: ' bob ' }, /^The user name cannot start or end with a space\.$/],
  ];
  for (const [what, change, message] of refusals) {
    it(`refuses ${what} before anything is sent`, async () => {
      const before = patches().length;
      await runFails('vonage.editUser', { applicationId: appId, userId: alice.id, ...change }, message);
      assert.strictEqual(patches().length, before);
    });
  }

  it('a 409 (a new name already taken; a conflicting change): one sentence each, and nothing changes', async () => {
    const bob = await run<{ id: string; name: string }>('vonage.createUser', { applicationId: appId, name: `bob-${Date.now()}` });
    await runFails('vonage.editUser', { applicationId: appId, userId: alice.id, name: bob.name },
      new RegExp(`^The name "${bob.name}" is taken: a user with that name already exists in this application\\. Pick another name\\.$`), 'conflict');
    env.sandbox.failNext(1, { status: 409 }, { method: 'PATCH' });
    await runFails('vonage.editUser', { applicationId: appId, userId: alice.id, displayName: 'Clash' }, /^Vonage reported a conflict \(409\): Another request changed this resource at the same time \(injected by the sandbox\)\. Refresh and try again\.$/, 'conflict');
    assert.strictEqual(stored().display_name, 'Alice');
  });

  it('a user deleted elsewhere: 404 in one sentence, and it leaves the view', async () => {
    await userNodes();
    const ghost = await run<{ id: string }>('vonage.createUser', { applicationId: appId, name: `ghost-${Date.now()}` });
    const users = env.sandbox.users(appId);
    assert.ok(users.some((u) => u.id === ghost.id));
    await run('vonage.deleteUser', { applicationId: appId, userId: ghost.id }); // straight through the API would be the same
    env.api.users.add(appId, { id: ghost.id, name: 'ghost' }); // the view still shows it, as when another tool deleted it
    await runFails('vonage.editUser', { applicationId: appId, userId: ghost.id, displayName: 'Boo' },
      /^User "ghost" no longer exists at Vonage \(404\): it was deleted elsewhere, so it was removed from the view\.$/, 'notFound');
    assert.ok(!(await userNodes()).some((n) => n.id === `user:${appId}:${ghost.id}`));
  });

  it('the prompts from a user node: current values shown; only the changed fields are sent; nothing changed, nothing sent', async () => {
    await run('vonage.editUser', { applicationId: appId, userId: alice.id, imageUrl: 'https://img.example/old.png', customData: { team: 'red' } });
    const node = (await userNodes()).find((n) => n.id === `user:${appId}:${alice.id}`)!;
    const ui = new AnsweringUi(['Alice', 'https://img.example/new.png', '{"team": "red"}'], () => undefined);
    env.api.setUi(ui);
    const before = patches().length;
    await vscode.commands.executeCommand('vonage.editUser', node);
    assert.deepStrictEqual(ui.prefilled, ['Alice', 'https://img.example/old.png', '{"team":"red"}']);
    assert.strictEqual(patches().length, before + 1);
    assert.strictEqual(stored().image_url, 'https://img.example/new.png');

    const same = new QueuedUi(['Alice', 'https://img.example/new.png', '{"team":"red"}']);
    env.api.setUi(same);
    await vscode.commands.executeCommand('vonage.editUser', node);
    assert.strictEqual(patches().length, before + 1, 'nothing changed: no PATCH');
    assert.match(same.messages[0].text, /^Nothing changed for user "alice-\d+"; nothing was sent\.$/);
  });

  it('a failure offers Try Again, which brings the three prompts back filled in with what was typed', async () => {
    env.sandbox.failNext(1, { status: 500 }, { method: 'PATCH' });
    const node = (await userNodes()).find((n) => n.id === `user:${appId}:${alice.id}`)!;
    let tried = false;
    const typed = ['Alice Typed', 'https://img.example/typed.png', '{"typed": true}'];
    const ui = new AnsweringUi([...typed, ...typed], (level, _t, actions) => (level === 'error' && actions.includes('Try Again') && !tried ? ((tried = true), 'Try Again') : undefined));
    env.api.setUi(ui);
    await vscode.commands.executeCommand('vonage.editUser', node);
    await eventually(() => ui.pending === 0 && stored().display_name === 'Alice Typed', 'the second try saved what was typed');
    assert.match(ui.messages.find((m) => m.level === 'error')!.text, /^Vonage had a server error \(500\)/);
    assert.deepStrictEqual(ui.prefilled.slice(3), ['Alice Typed', 'https://img.example/typed.png', '{"typed":true}']);
    assert.deepStrictEqual(stored().properties, { custom_data: { typed: true } });
  });

  it('custom data that is not an object is refused while typing', async () => {
    const node = (await userNodes()).find((n) => n.id === `user:${appId}:${alice.id}`)!;
    const ui = new QueuedUi(['Alice A.', '', '"just text"', '{"ok": true}']);
    env.api.setUi(ui);
    await vscode.commands.executeCommand('vonage.editUser', node);
    assert.strictEqual(ui.asked[2].validation, 'Custom data must be a JSON object such as {"team": "blue"}, not a string.');
    assert.deepStrictEqual(stored().properties, { custom_data: { ok: true } });
    assert.strictEqual(stored().display_name, 'Alice A.');
  });

  it('a user\'s tooltip shows display name, image URL and custom data (read when hovered)', async () => {
    await run('vonage.editUser', { applicationId: appId, userId: alice.id, imageUrl: 'https://img.example/tip.png', customData: { plan: 'pro' } });
    const node = (await userNodes()).find((n) => n.id === `user:${appId}:${alice.id}`)!;
    const resolved = await env.api.tree.resolveTreeItem(node, node, new vscode.CancellationTokenSource().token);
    const tip = (resolved.tooltip as vscode.MarkdownString).value;
    assert.ok(tip.includes('Display name: Alice') && tip.includes('https://img.example/tip.png') && tip.includes('{"plan":"pro"}') && tip.includes(alice.id), tip);
  });

  describe('Find User', () => {
    it('the argument form uses the name filter and reveals a user beyond the loaded page', async () => {
      env.sandbox.seedUsers(appId, 150, 'crowd');
      env.api.tree.reload(await applicationNode(env.api, appId) as never);
      assert.ok(!(await userNodes()).some((n) => labelOf(n) === 'crowd-140'), 'not on the first page');
      const before = env.sandbox.requests.length;
      const found = await run<{ id: string; name: string }>('vonage.findUser', { applicationId: appId, name: 'crowd-140' });
      assert.strictEqual(found.name, 'crowd-140');
      const lists = env.sandbox.requests.slice(before).filter((r) => r.path.startsWith('/v1/users?'));
      assert.ok(lists.some((r) => /[?&]name=crowd-140(&|$)/.test(r.path)), JSON.stringify(lists));
      assert.ok((await userNodes()).some((n) => labelOf(n) === 'crowd-140'), 'added to the view');
      await eventually(() => env.api.tree.view?.selection.some((n) => n.id === `user:${appId}:${found.id}`) ?? false, 'the user row is selected');
    });

    it('not found: one sentence, with Try Again bringing the name back', async () => {
      await runFails('vonage.findUser', { applicationId: appId, name: 'Crowd-140' },
        /^No user is named "Crowd-140" in "People App"\. Names must match exactly, case included: check the spelling, or create the user \(Vonage: Create User\)\.$/);
      let tried = false;
      const ui = new AnsweringUi(['People App', 'nobody', 'crowd-7'], (level, _t, actions) => (level === 'error' && actions.includes('Try Again') && !tried ? ((tried = true), 'Try Again') : undefined));
      env.api.setUi(ui);
      await vscode.commands.executeCommand('vonage.findUser');
      await eventually(() => ui.pending === 0, 'the retry asked again');
      assert.deepStrictEqual(ui.prefilled, [undefined, 'nobody'], 'Try Again shows the name typed');
      await eventually(() => env.api.tree.view?.selection.some((n) => labelOf(n) === 'crowd-7') ?? false, 'crowd-7 selected');
    });
  });
});
