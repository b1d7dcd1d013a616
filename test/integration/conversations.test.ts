// Conversations, members, events and sessions in the real VS Code against the sandbox: every command in
// both forms (scripted with an argument object, and by hand with queued answers or from its tree node),
// the Conversations node under an application, members and the events timeline, a user's sessions and
// conversations, lost answers never doubling a write, and Check Token with Vonage (also from the token
// hover and a user node) with Vonage's own verdict.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { JwtSigner } from '../../src/vonage';
import { QueuedUi, type Env, applicationNode, byHand, eventually, labelOf, run, runFails, startEnv, stopEnv, usedSecrets } from './support/harness';

interface Made { id: string; name: string }
interface MemberResult { id: string; state: string; userId: string }

describe('conversations, members, events and sessions', () => {
  let env: Env;
  let appId: string;
  let alice: Made;
  let bob: Made;
  const convs = () => env.sandbox.conversations.list(appId);
  const posts = (prefix: string) => env.sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith(prefix)).length;
  const tree = () => env.api.tree;
  /** The application's "Conversations" node and its rows, read fresh. */
  const conversationsGroup = async () => {
    const group = (await tree().getChildren(await applicationNode(env.api, appId) as never)).find((c) => c.contextValue === 'vonage.conversations');
    assert.ok(group, 'the application has a "Conversations" node');
    return group;
  };
  const conversationRows = async () => tree().getChildren(await conversationsGroup());
  const rowOf = async (conversationId: string) => {
    const row = (await conversationRows()).find((r) => (r as { conversationId?: string }).conversationId === conversationId);
    assert.ok(row, `a row for ${conversationId}`);
    return row;
  };
  const userNode = async (name: string) => {
    const node = (await tree().getChildren(await applicationNode(env.api, appId) as never)).find((c) => c.contextValue === 'vonage.user' && labelOf(c) === name);
    assert.ok(node, `the user ${name} is in the view`);
    return node;
  };
  const create = (name: string) => run<Made>('vonage.createConversation', { applicationId: appId, name });

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Conversations App' })).id;
    alice = await run<Made>('vonage.createUser', { applicationId: appId, name: 'alice' });
    bob = await run<Made>('vonage.createUser', { applicationId: appId, name: 'bob' });
    await tree().applications();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopEnv(env);
  });
  beforeEach(() => {
    env.sandbox.conversations.reset();
    env.sandbox.clearFaults();
    env.sandbox.requests.length = 0;
    env.api.conversations.conversations.reload(appId);
  });

  describe('conversations', () => {
    it('createConversation scripted: {id, name}; a taken name is one sentence; the tree shows it', async () => {
      await env.api.clearContextKey('vonage:createdConversation'); // whatever ran before, the step starts as not done
      const made = await run<Made>('vonage.createConversation', { applicationId: appId, name: 'support', displayName: 'Support Chat' });
      assert.match(made.id, /^CON-/);
      assert.strictEqual(made.name, 'support');
      await runFails('vonage.createConversation', { applicationId: appId, name: 'support' }, /^The name "support" is taken: a conversation with that name already exists in this application\./);
      await runFails('vonage.createConversation', { applicationId: appId, name: ' padded' }, /cannot start or end with a space/);
      assert.deepStrictEqual(convs().map((c) => c.name), ['support']);
      const row = await rowOf(made.id);
      assert.strictEqual(labelOf(row), 'Support Chat');
      assert.strictEqual(row.description, 'support');
      assert.strictEqual(env.api.contextKey('vonage:createdConversation'), true, 'the walkthrough step is complete');
    });

    it('createConversation by hand from the Conversations node: name, then display name', async () => {
      const ui = new QueuedUi(['by-hand', 'By Hand']);
      const made = await byHand<Made>(env, ui, 'vonage.createConversation', await conversationsGroup());
      assert.strictEqual(made.name, 'by-hand');
      assert.deepStrictEqual(ui.asked.map((a) => a.text), ['Conversation name (unique in the application)', 'Display name (optional)']);
      assert.deepStrictEqual(ui.messages.map((m) => m.text), [`Conversation "By Hand" created (${made.id}).`]);
      assert.strictEqual(convs()[0].display_name, 'By Hand');
    });

    it('a create whose answer is lost after Vonage made it: settled by listing, made once', async () => {
      env.sandbox.failNext(1, { kind: 'resetAfter' }, { method: 'POST', pathPrefix: '/v1/conversations' });
      const made = await create('lost-answer');
      assert.strictEqual(posts('/v1/conversations'), 1, 'never sent twice');
      assert.deepStrictEqual(convs().map((c) => c.id), [made.id]);
      assert.match(env.api.logText(), /the answer was lost; the conversation list shows it was made/);
    });

    it('a create lost before Vonage saw it: not created, said plainly, never retried', async () => {
      env.sandbox.failNext(1, { kind: 'reset' }, { method: 'POST', pathPrefix: '/v1/conversations' });
      await runFails('vonage.createConversation', { applicationId: appId, name: 'never' }, /^Vonage did not confirm creating the conversation "never" \(the connection failed\), and it is not among the application's conversations: it was not created\. Try again\.$/);
      assert.strictEqual(posts('/v1/conversations'), 1);
      assert.deepStrictEqual(convs(), []);
    });

    it('listConversations scripted: every page; the tree pages with "Load more…"', async () => {
      env.sandbox.conversations.seed(appId, 130, 'room');
      const all = await run<{ id: string; name: string }[]>('vonage.listConversations', { applicationId: appId });
      assert.strictEqual(all.length, 130);
      assert.deepStrictEqual(all[0], { id: convs()[0].id, name: 'room-1', displayName: undefined });
      let rows = await conversationRows();
      assert.strictEqual(rows.length, 101, 'a page of 100, then "Load more…"');
      const more = rows[100];
      assert.strictEqual(more.contextValue, 'vonage.loadMore');
      assert.strictEqual(await vscode.commands.executeCommand(more.command!.command, ...((more.command!.arguments ?? []) as unknown[])), 30);
      rows = await conversationRows();
      assert.strictEqual(rows.length, 130);
    });

    it('listConversations by hand: asks the application, then shows its Conversations', async () => {
      await create('shown');
      const ui = new QueuedUi(['Conversations App']);
      const all = await byHand<{ name: string }[]>(env, ui, 'vonage.listConversations', { interactive: true });
      assert.deepStrictEqual(all.map((c) => c.name), ['shown']);
      assert.strictEqual(ui.asked[0].type, 'pick');
    });

    it('deleteConversation scripted: {deleted: true}; by hand it asks first, and dismissing keeps it', async () => {
      const a = await create('delete-me');
      assert.deepStrictEqual(await run('vonage.deleteConversation', { applicationId: appId, conversationId: a.id }), { deleted: true });
      assert.deepStrictEqual(convs(), []);
      const b = await create('keep-me');
      const row = await rowOf(b.id);
      const keep = new QueuedUi([], () => undefined);
      await byHand(env, keep, 'vonage.deleteConversation', row);
      assert.deepStrictEqual(keep.messages.map((m) => [m.level, m.text]), [['confirm', 'Delete the conversation "keep-me"?']]);
      assert.strictEqual(convs().length, 1, 'dismissed: kept');
      const del = new QueuedUi([], () => 'Delete');
      assert.deepStrictEqual(await byHand(env, del, 'vonage.deleteConversation', row), { deleted: true });
      assert.deepStrictEqual(convs(), []);
      await eventually(async () => (await conversationRows()).every((r) => r.contextValue !== 'vonage.conversation'), 'the row goes');
    });
  });

  describe('members', () => {
    it('addMember scripted by name (joined) and by id (invited); listMembers; the tree shows states and the count', async () => {
      const c = await create('team');
      const joined = await run<MemberResult>('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      assert.deepStrictEqual([joined.state, joined.userId], ['joined', alice.id]);
      const invited = await run<MemberResult>('vonage.addMember', { applicationId: appId, conversationId: c.id, user: bob.id, state: 'invited' });
      assert.strictEqual(invited.state, 'invited');
      const listed = await run<{ id: string; state: string; user: { id: string; name: string } }[]>('vonage.listMembers', { applicationId: appId, conversationId: c.id });
      assert.deepStrictEqual(listed.map((m) => [m.state, m.user.name]), [['joined', 'alice'], ['invited', 'bob']]);
      const row = await rowOf(c.id);
      const children = await tree().getChildren(row);
      assert.deepStrictEqual(children.map((n) => [labelOf(n), n.contextValue]), [['Events', 'vonage.events'], ['alice', 'vonage.member.joined'], ['bob', 'vonage.member.invited']]);
      assert.deepStrictEqual(children.slice(1).map((n) => (n.iconPath as vscode.ThemeIcon).id), ['pass-filled', 'mail']);
      await eventually(async () => (await rowOf(c.id)).description === '2 members', 'the member count shows once the members were read');
      assert.strictEqual(env.sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/members')).length, 2);
    });

    it('"Conversations" expanded twice at once (VS Code and a command): one read of the list, and the member count read after it stays', async () => {
      const c = await create('at-once');
      await run('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      env.api.conversations.conversations.reload(appId);
      env.sandbox.requests.length = 0;
      const [first, second] = await Promise.all([rowOf(c.id), rowOf(c.id)]);
      const listReads = env.sandbox.requests.filter((r) => r.method === 'GET' && /^\/v1\/conversations(\?|$)/.test(r.path));
      assert.strictEqual(listReads.length, 1, `one read of the list, not ${listReads.map((r) => r.path).join(', ')}`);
      assert.deepStrictEqual([first.description, second.description], [undefined, undefined], 'members not read yet');
      await tree().getChildren(first);
      await eventually(async () => (await rowOf(c.id)).description === '1 member', 'the member count shows once the members were read');
    });

    it('one sentence each: a user that does not exist, a member already joined, a state that is not joined/invited', async () => {
      const c = await create('refusals');
      await runFails('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'nobody', state: 'joined' }, /^There is no user "nobody" in this application, so nobody was added\./);
      await run('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      await runFails('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' }, /^The user "alice" is already a joined member of this conversation; nothing changed\.$/);
      await runFails('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'left' }, /^The member state must be "joined" or "invited", not "left"\.$/);
      assert.strictEqual(env.sandbox.conversations.members(appId, c.id).length, 1, 'nothing half-done');
    });

    it('a conversation deleted elsewhere: adding a member says so and the tree drops it', async () => {
      const c = await create('gone-elsewhere');
      await rowOf(c.id);
      env.sandbox.conversations.reset();
      await runFails('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' }, /^The conversation does not exist any more \(deleted elsewhere\?\), so nobody was added\. Refresh the Conversations\.$/);
      await eventually(async () => !(await conversationRows()).some((r) => (r as { conversationId?: string }).conversationId === c.id), 'the view drops it');
    });

    it('a membership whose answer is lost: settled by reading the members, added once', async () => {
      const c = await create('lost-member');
      env.sandbox.failNext(1, { kind: 'resetAfter' }, { method: 'POST', pathPrefix: `/v1/conversations/${c.id}/members` });
      const m = await run<MemberResult>('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'bob', state: 'joined' });
      assert.strictEqual(m.userId, bob.id);
      assert.strictEqual(env.sandbox.conversations.members(appId, c.id).length, 1);
      assert.strictEqual(posts(`/v1/conversations/${c.id}/members`), 1);
    });

    it('addMember by hand from a conversation: the user, then joined or invited', async () => {
      const c = await create('by-hand-members');
      const ui = new QueuedUi(['bob', 'Invited']);
      const m = await byHand<MemberResult>(env, ui, 'vonage.addMember', await rowOf(c.id));
      assert.deepStrictEqual([m.state, m.userId], ['invited', bob.id]);
      assert.deepStrictEqual(ui.messages.map((x) => x.text), ['bob is invited to "by-hand-members".']);
    });

    it('removeMember scripted: {id, state: left}; by hand from the member, after a confirmation', async () => {
      const c = await create('leaving');
      const a = await run<MemberResult>('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      await run('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'bob', state: 'joined' });
      assert.deepStrictEqual(await run('vonage.removeMember', { applicationId: appId, conversationId: c.id, memberId: a.id }), { id: a.id, state: 'left' });
      const bobRow = (await tree().getChildren(await rowOf(c.id))).find((n) => labelOf(n) === 'bob')!;
      const ui = new QueuedUi([], () => 'Remove');
      await byHand(env, ui, 'vonage.removeMember', bobRow);
      assert.deepStrictEqual(ui.messages.map((x) => x.text), ['Remove bob from "leaving"?']);
      assert.deepStrictEqual(env.sandbox.conversations.members(appId, c.id).map((m) => m.state), ['LEFT', 'LEFT']);
      const children = await tree().getChildren(await rowOf(c.id));
      assert.deepStrictEqual(children.slice(1).map((n) => n.contextValue), ['vonage.member.left', 'vonage.member.left']);
      await runFails('vonage.removeMember', { applicationId: appId, conversationId: c.id, memberId: a.id }, /has already left the conversation; nothing changed/);
    });
  });

  describe('events (text messages retired)', () => {
    /** A text event posted elsewhere (as an app could before Vonage retired In-App Messaging): the timeline still shows such events. */
    const postText = async (conversationId: string, user: string, text: string) => {
      const token = await run<string>('vonage.generateApplicationJwt', { applicationId: appId, target: 'return' });
      usedSecrets.add(token);
      const member = env.sandbox.conversations.members(appId, conversationId).find((m) => m.userName === user && m.state === 'JOINED');
      assert.ok(member, `${user} is a joined member`);
      const res = await fetch(`${env.sandbox.url}/v1/conversations/${conversationId}/events`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'text', from: member.id, body: { text } }),
      });
      assert.strictEqual(res.status, 201);
    };

    it('sendTextMessage is retired: by hand one warning sentence, scripted the same sentence as the error; nothing is sent', async () => {
      const c = await create('retired');
      await run('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      const why = /^Send Text Message is gone: Vonage discontinued In-App Messaging on 30 April 2026, so conversations carry calls now, not text messages \(try Vonage: Call a User\)\.$/;
      env.sandbox.requests.length = 0;
      await runFails('vonage.sendTextMessage', { applicationId: appId, conversationId: c.id, user: 'alice', text: 'hi' }, why);
      const ui = new QueuedUi();
      assert.strictEqual(await byHand(env, ui, 'vonage.sendTextMessage'), undefined);
      assert.deepStrictEqual(ui.messages.map((m) => m.level), ['warn']);
      assert.match(ui.messages[0].text, why);
      assert.strictEqual(env.sandbox.requests.length, 0, 'nothing reached Vonage');
    });

    it('listEvents scripted: the newest page, oldest first, one request for a conversation of 10,000 events', async () => {
      const c = await create('busy');
      env.sandbox.conversations.seedEvents(appId, c.id, 10_000);
      env.sandbox.requests.length = 0;
      const events = await run<{ id: string; type: string; from?: string; timestamp: string }[]>('vonage.listEvents', { applicationId: appId, conversationId: c.id });
      assert.strictEqual(events.length, 100);
      assert.deepStrictEqual([events[0].id, events[99].id], ['9901', '10000'], 'the newest 100, newest last');
      assert.strictEqual(env.sandbox.requests.filter((r) => r.path.includes('/events')).length, 1, 'never every event up front');
    });

    it('Events opens a read-only timeline: newest last, older pages by its CodeLens, refresh', async () => {
      const c = await create('timeline');
      await run('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      await postText(c.id, 'alice', 'first words');
      env.sandbox.conversations.seedEvents(appId, c.id, 150);
      const eventsRow = (await tree().getChildren(await rowOf(c.id)))[0];
      assert.strictEqual(eventsRow.command?.command, 'vonage.listEvents');
      await vscode.commands.executeCommand(eventsRow.command.command, ...((eventsRow.command.arguments ?? []) as unknown[]));
      await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-events', 'the timeline is open');
      const doc = vscode.window.activeTextEditor!.document;
      let lines = doc.getText().split('\n');
      assert.match(lines[0], /^# Events of "timeline" \(CON-[\w-]+\), newest last$/);
      assert.match(lines[1], /^# 100 events shown; older ones on demand/);
      assert.match(lines.at(-2)!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}text {12}someone: seeded message 152$/, 'a text from no member reads "someone"');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.deepStrictEqual(lenses.map((l) => l.command?.title), ['$(history) Load older events', '$(refresh) Refresh']);
      await vscode.commands.executeCommand(lenses[0].command!.command, ...((lenses[0].command!.arguments ?? []) as unknown[]));
      await eventually(() => doc.getText().split('\n').length > 150, 'the older events are above');
      lines = doc.getText().split('\n');
      assert.match(lines[1], /^# 152 events shown, all there are\./);
      assert.match(lines[3], /member:joined\s+alice joined$/);
      assert.match(lines[4], /text\s+alice: first words$/);
      assert.ok(!env.api.logText().includes('first words'));
      await postText(c.id, 'alice', 'last words');
      await vscode.commands.executeCommand('vonage.refreshEvents', doc.uri);
      await eventually(() => /alice: last words\n$/.test(doc.getText()), 'refresh reads the newest again');
    });
  });

  describe('sessions and users', () => {
    it('userSessions scripted: none, then one after a Client SDK login (POST /_sandbox/login); the user node shows it', async () => {
      assert.deepStrictEqual(await run('vonage.userSessions', { applicationId: appId, user: 'alice' }), []);
      const token = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' });
      usedSecrets.add(token);
      const login = await fetch(`${env.sandbox.url}/_sandbox/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
      assert.strictEqual(login.status, 201);
      const sessions = await run<{ id: string; userId: string; userName: string }[]>('vonage.userSessions', { applicationId: appId, user: alice.id });
      assert.deepStrictEqual(sessions.map((s) => [s.userId, s.userName]), [[alice.id, 'alice']]);
      const c = await create('alice-room');
      await run('vonage.addMember', { applicationId: appId, conversationId: c.id, user: 'alice', state: 'joined' });
      const under = await tree().getChildren(await userNode('alice'));
      assert.deepStrictEqual(under.map((n) => [labelOf(n), n.contextValue]), [['online · 1 session', 'vonage.sessions'], ['alice-room', 'vonage.conversation']]);
      const bobs = await tree().getChildren(await userNode('bob'));
      assert.deepStrictEqual(bobs.map(labelOf), ['offline']);
    });

    it('userSessions by hand from a user node: says online or offline', async () => {
      const ui = new QueuedUi();
      await byHand(env, ui, 'vonage.userSessions', await userNode('bob'));
      assert.deepStrictEqual(ui.messages.map((m) => m.text), ['bob: offline.']);
      await runFails('vonage.userSessions', { applicationId: appId, user: 'nobody' }, /^There is no user "nobody" in this application\./);
    });
  });

  describe('Check Token with Vonage', () => {
    const signer = new JwtSigner();
    const privateKey = async () => (await env.api.credentials.getPrivateKey(env.baseUrl, appId))!;

    it('scripted {token}: accepted; expired and outside its ACL rejected with Vonage\'s reason', async () => {
      const good = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', target: 'return' });
      usedSecrets.add(good);
      assert.deepStrictEqual(await run('vonage.checkTokenWithVonage', { token: good }), { accepted: true, status: 200 });
      const past = Math.floor(Date.now() / 1000) - 7200;
      const expired = new JwtSigner({ now: () => past * 1000 }).signUserToken({ applicationId: appId, privateKey: await privateKey(), sub: 'alice', ttlSeconds: 60 });
      usedSecrets.add(expired);
      assert.deepStrictEqual(await run('vonage.checkTokenWithVonage', { token: expired }), { accepted: false, status: 401, reason: 'expired' });
      const narrow = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'alice', acl: { paths: { '/*/conversations/**': {} } }, target: 'return' });
      usedSecrets.add(narrow);
      const r = await run<{ accepted: boolean; status: number; reason: string }>('vonage.checkTokenWithVonage', { token: narrow });
      assert.deepStrictEqual([r.accepted, r.status], [false, 403]);
      assert.match(r.reason, /^not allowed by the ACL/);
    });

    it('a token of an application this account does not have is sent nowhere; nor a token whose user does not exist', async () => {
      const stranger = signer.signUserToken({ applicationId: crypto.randomUUID(), privateKey: await privateKey(), sub: 'alice' });
      usedSecrets.add(stranger);
      await runFails('vonage.checkTokenWithVonage', { token: stranger }, /which is not one of the active account's applications, so it was sent nowhere/);
      const ghost = signer.signUserToken({ applicationId: appId, privateKey: await privateKey(), sub: 'ghost' });
      usedSecrets.add(ghost);
      env.sandbox.requests.length = 0;
      await runFails('vonage.checkTokenWithVonage', { token: ghost }, /The token's user "ghost" does not exist in this application/);
      assert.ok(!env.sandbox.requests.some((r) => r.path.startsWith('/v1/users/') && r.path !== '/v1/users'), 'the token itself was never sent');
    });

    it('from the token hover ("Check with Vonage") and from a user node (a fresh token)', async () => {
      const token = await run<string>('vonage.generateUserJwt', { applicationId: appId, user: 'bob', target: 'return' });
      usedSecrets.add(token);
      const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: `const token = '${token}';\n` });
      await vscode.window.showTextDocument(doc);
      const at = new vscode.Position(0, 20);
      let link = '';
      await eventually(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        link = /\[\$\(verified\) Check with Vonage\]\(command:vonage\.checkTokenWithVonage\?([^)]+)\)/.exec(text)?.[1] ?? '';
        return link !== '';
      }, 'the hover offers Check with Vonage', 10_000);
      const args = JSON.parse(decodeURIComponent(link)) as unknown[];
      assert.ok(!JSON.stringify(args).includes(token), 'the link carries the token\'s place, never the token');
      const ui = new QueuedUi();
      assert.deepStrictEqual(await byHand(env, ui, 'vonage.checkTokenWithVonage', ...args), { accepted: true, status: 200 });
      assert.match(ui.messages[0].text, /^Vonage accepts the token \(user "bob" of "Conversations App"\): GET \/v1\/users\/USR-[\w-]+ answered 200\.$/);
      const fromNode = new QueuedUi();
      await byHand(env, fromNode, 'vonage.checkTokenWithVonage', await userNode('alice'));
      assert.match(fromNode.messages[0].text, /^Vonage accepts a fresh token signed with the stored key \(user "alice" of "Conversations App"\)/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});
