// Calls in the real VS Code against the sandbox's Voice API (its clock moved by the tests): every command in both
// forms, scripted with an argument object and by hand with queued answers or from its tree node: ring a logged-in
// user, answer from the far end, hang up, a call already over, a timeout, a phone call (confirm, the caller ID
// chosen, the balance named), a lost answer placing exactly one call; what is refused before anything is sent;
// the Calls node (live icon, Load more, a click opens the timeline); an NCCO file's lens placing the call with
// the editor's unsaved text; nothing of an NCCO, a number or a token in the log.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { AnsweringUi } from './support/answeringUi';
import { workspaceRoot } from './support/gitRepo';
import { CANCEL, ENTER, QueuedUi, type Env, applicationNode, byHand, eventually, labelOf, run, runFails, startEnv, stopEnv, usedSecrets } from './support/harness';

interface Placed { uuid: string; conversationUuid: string }
interface Listed { uuid: string; status: string; direction: string; from?: unknown; to?: unknown; startTime?: string; duration?: number; conversationUuid: string }
type Row = vscode.TreeItem & { call?: { uuid: string; status: string } };

describe('calls: ring a user, call a phone, hang up, the Calls node, NCCO files', () => {
  let env: Env;
  let appId: string;
  let quietId: string;
  const calls = () => env.sandbox.voice.calls(appId) as { uuid: string; status: string; to?: { type: string; user?: string; number?: string }; from?: { number?: string } }[];
  const sandboxCall = (uuid: string) => env.sandbox.voice.call(uuid)!;
  const posts = () => env.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/v1/calls').length;
  /** The application's "Calls" node and its rows, read fresh from what the view holds. */
  const callsGroup = async () => {
    const group = (await env.api.tree.getChildren(await applicationNode(env.api, appId) as never)).find((c) => c.contextValue === 'vonage.calls');
    assert.ok(group, 'the application has a "Calls" node');
    return group;
  };
  const rows = async () => env.api.tree.getChildren(await callsGroup()) as Promise<Row[]>;
  const rowOf = async (uuid: string) => (await rows()).find((r) => r.call?.uuid === uuid);
  const reloadCalls = () => env.api.tree.reload(env.api.tree.findApplication(appId));
  const login = async (user: string) => {
    const token = await run<string>('vonage.generateUserJwt', { applicationId: appId, user, target: 'return' });
    usedSecrets.add(token);
    const res = await fetch(`${env.sandbox.url}/_sandbox/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    assert.strictEqual(res.status, 201);
  };
  const buyAndLink = async (msisdn: string, country = 'GB') => {
    await run('vonage.buyNumber', { country, msisdn, confirm: true });
    await run('vonage.linkNumber', { msisdn, applicationId: appId });
  };

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Calls App', voiceAnswerUrl: 'https://example.com/answer', voiceEventUrl: 'https://example.com/event' })).id;
    quietId = (await run<{ id: string }>('vonage.createApplication', { name: 'Quiet App' })).id;
    for (const user of ['alice', 'bob']) await run('vonage.createUser', { applicationId: appId, name: user });
    await run('vonage.createUser', { applicationId: quietId, name: 'alice' });
    await env.api.tree.applications();
    await login('alice');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopEnv(env);
  });
  beforeEach(() => {
    env.sandbox.voice.reset();
    env.sandbox.clearFaults();
    env.sandbox.requests.length = 0;
    env.api.setUi(undefined);
    reloadCalls();
  });

  describe('Call a User', () => {
    it('scripted: {uuid, conversationUuid}; alice\'s app rings; answered from the far end; the talk NCCO says who called', async () => {
      await env.api.clearContextKey('vonage:placedCall');
      await runFails('vonage.callUser', { applicationId: appId, user: 'nobody' }, /There is no user "nobody"/);
      assert.strictEqual(env.api.contextKey('vonage:placedCall'), undefined, 'a refused call does not complete "Make your app ring"');
      const placed = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      assert.deepStrictEqual(Object.keys(placed).sort(), ['conversationUuid', 'uuid']);
      const call = sandboxCall(placed.uuid);
      assert.deepStrictEqual([call.to, call.conversationUuid], [{ type: 'app', user: 'alice' }, placed.conversationUuid]);
      assert.deepStrictEqual(call.ncco, [{ action: 'talk', text: 'Hello alice. This is a call from Calls App, placed from VS Code.' }]);
      await fetch(`${env.sandbox.url}/_sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 1000 }) });
      assert.strictEqual(sandboxCall(placed.uuid).status, 'ringing');
      const answered = await fetch(`${env.sandbox.url}/_sandbox/calls/${placed.uuid}/answer`, { method: 'POST' }); // the far end, through the sandbox's control route
      assert.ok(answered.ok, `answer: ${answered.status}`);
      assert.strictEqual(sandboxCall(placed.uuid).status, 'answered');
      assert.strictEqual(env.api.contextKey('vonage:placedCall'), true, 'the walkthrough step "Make your app ring" is done');
    });

    it('by hand from the palette: the application, then the user; the message offers Hang Up and Show Events', async () => {
      const ui = new QueuedUi(['Calls App', 'alice']);
      const placed = await byHand<Placed>(env, ui, 'vonage.callUser');
      assert.deepStrictEqual(ui.asked.map((a) => [a.text, a.step]), [['Call from which application?', 1], ['Pick a user', 2]]);
      await eventually(() => ui.messages.some((m) => m.text === 'Calling alice (app) from "Calls App": started.'), 'the call is reported');
      assert.deepStrictEqual(ui.messages.find((m) => m.level === 'info')?.actions, ['Hang Up', 'Show Events']);
      assert.strictEqual(calls().length, 1);
      assert.strictEqual(calls()[0].uuid, placed.uuid);
    });

    it('from a user node it asks nothing; its NCCO may be given as actions or as JSON text', async () => {
      const alice = (await env.api.tree.getChildren(await applicationNode(env.api, appId) as never)).find((c) => c.contextValue === 'vonage.user' && labelOf(c) === 'alice')!;
      const ui = new QueuedUi();
      await byHand(env, ui, 'vonage.callUser', alice);
      assert.deepStrictEqual(ui.asked, []);
      const ncco = [{ action: 'talk', text: 'From the test' }, { action: 'wait', timeout: 1 }];
      const a = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice', ncco });
      assert.deepStrictEqual(sandboxCall(a.uuid).ncco, ncco);
      const b = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice', ncco: JSON.stringify(ncco) });
      assert.deepStrictEqual(sandboxCall(b.uuid).ncco, ncco);
    });

    it('said before anything is sent: an invalid NCCO (naming the action and field), a user that does not exist (with Create User), no application', async () => {
      await runFails('vonage.callUser', { applicationId: appId, user: 'alice', ncco: [{ action: 'talk', text: 'x' }, { action: 'connect', endpoint: [{ type: 'app' }] }] },
        /^Action 2 \(connect\): "endpoint\[0\]" needs "user"\.$/);
      await runFails('vonage.callUser', { applicationId: appId, user: 'alice', ncco: '[{"action": "talk"' }, /^The NCCO is not valid JSON: a \} is missing before line 1, column 19\. Fix it and try again; nothing was sent\.$/);
      await runFails('vonage.callUser', { applicationId: appId, user: 'nobody' }, /^There is no user "nobody" in "Calls App", so no app would ring; nothing was sent\. Create the user first, or check the name\.$/);
      assert.strictEqual(posts(), 0);
      const ui = new QueuedUi();
      await byHand(env, ui, 'vonage.callUser', { applicationId: appId, user: 'nobody', interactive: true });
      await eventually(() => ui.messages.length > 0, 'said');
      assert.deepStrictEqual(ui.messages[0].actions, ['Create User', 'Show Log']);
    });

    it('an application without the voice capability: one sentence, and the button that opens Edit Application on voice', async () => {
      await runFails('vonage.callUser', { applicationId: quietId, user: 'alice' }, /^"Quiet App" has no voice capability, so it cannot place calls; nothing was sent\. Add it \(its answer and event URLs\) and call again\.$/);
      let pressed = 0;
      const ui = new AnsweringUi([CANCEL], (level, _text, actions) => (level === 'error' && actions.includes('Add the Voice Capability') && !pressed++ ? 'Add the Voice Capability' : undefined));
      env.api.setUi(ui);
      try {
        await vscode.commands.executeCommand('vonage.callUser', { applicationId: quietId, user: 'alice', interactive: true });
        await eventually(() => ui.asked.length > 0, 'Edit Application asks its first question');
      } finally {
        env.api.setUi(undefined);
      }
      assert.deepStrictEqual(ui.asked.map((a) => [a.title, a.text]), [['Edit Application', 'Voice answer URL: returns the NCCO for a call']]);
      assert.strictEqual(posts(), 0);
    });

    it('a user whose app is not logged in: by hand asked first ("the call will fail. Call anyway?"); dismissed, nothing is sent', async () => {
      let asked = '';
      const dismissed = new QueuedUi([], (message) => { asked = message; return undefined; });
      assert.strictEqual(await byHand(env, dismissed, 'vonage.callUser', { applicationId: appId, user: 'bob', interactive: true }), undefined);
      assert.strictEqual(asked, 'bob\'s app is not logged in: the call will fail. Call anyway?');
      assert.match(dismissed.messages[0].detail ?? '', /rings only the Client SDK apps logged in as the user/);
      assert.deepStrictEqual(dismissed.messages[0].actions, ['Call Anyway']);
      assert.strictEqual(posts(), 0);
      const anyway = new QueuedUi([], () => 'Call Anyway');
      const placed = await byHand<Placed>(env, anyway, 'vonage.callUser', { applicationId: appId, user: 'bob', interactive: true });
      assert.deepStrictEqual(calls().map((c) => c.uuid), [placed.uuid]);
      const loggedIn = new QueuedUi([], () => 'Call Anyway');
      await byHand(env, loggedIn, 'vonage.callUser', { applicationId: appId, user: 'alice', interactive: true });
      assert.deepStrictEqual(loggedIn.messages.filter((m) => m.level === 'confirm'), [], 'alice is logged in: nothing asked');
    });

    it('a user whose app is not logged in: the call fails, as at Vonage (scripted, the log says so first); a logged-in user who does not answer: timeout', async () => {
      const bob = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'bob' });
      assert.match(env.api.logText(), /\[warn\] Calling user USR-[\w-]+ of application [\w-]+: no app is logged in as them \(no session\), so the call will fail\./);
      const alice = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      env.sandbox.voice.advance(1000);
      assert.strictEqual(sandboxCall(bob.uuid).status, 'failed');
      env.sandbox.voice.advance(60_000);
      assert.strictEqual(sandboxCall(alice.uuid).status, 'timeout');
      const listed = await run<Listed[]>('vonage.listCalls', { applicationId: appId });
      assert.deepStrictEqual(listed.map((c) => [c.uuid, c.status]), [[alice.uuid, 'timeout'], [bob.uuid, 'failed']]);
    });
  });

  describe('Hang Up', () => {
    it('scripted: a live call is hung up ({uuid, status}); a call already over says so, no error', async () => {
      const placed = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      env.sandbox.voice.advance(1000);
      env.sandbox.voice.answer(placed.uuid);
      assert.deepStrictEqual(await run('vonage.hangUpCall', { applicationId: appId, uuid: placed.uuid }), { uuid: placed.uuid, status: 'completed' });
      assert.strictEqual(sandboxCall(placed.uuid).status, 'completed');
      assert.deepStrictEqual(await run('vonage.hangUpCall', { applicationId: appId, uuid: placed.uuid }), { uuid: placed.uuid, status: 'completed' });
      const ui = new QueuedUi();
      await byHand(env, ui, 'vonage.hangUpCall', { applicationId: appId, uuid: placed.uuid, interactive: true });
      assert.deepStrictEqual(ui.messages.map((m) => m.text), ['That call was already over (completed): there was nothing to hang up.']);
    });

    it('by hand from the palette: the application, then which of its live calls', async () => {
      const live = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      const ui = new QueuedUi(['Calls App', (items: { value: string }[]) => items[0].value]);
      assert.deepStrictEqual(await byHand(env, ui, 'vonage.hangUpCall'), { uuid: live.uuid, status: 'cancelled' });
      assert.strictEqual(ui.asked[1].text, 'Hang up which call?');
      assert.deepStrictEqual(ui.asked[1].items, ['$(call-outgoing) → alice (app)'], 'the icon of its direction, the row\'s title');
    });
  });

  describe('Call a Phone', () => {
    const [first, second] = ['447700900000', '447700900001'];
    before(async () => {
      env.sandbox.numbers.reset();
      await buyAndLink(first);
      await buyAndLink(second);
      await run('vonage.buyNumber', { country: 'GB', msisdn: '447700900002', confirm: true }); // ours, not linked
    });

    it('scripted without confirm: true is refused and nothing is sent', async () => {
      await runFails('vonage.callPhone', { applicationId: appId, to: '+1 201 555 0100' }, /^Calling a phone costs money, so a scripted call must say confirm: true\. Nothing was done\.$/);
      assert.strictEqual(posts(), 0);
    });

    it('scripted with confirm and from: {uuid}; the caller ID is that number', async () => {
      const placed = await run<{ uuid: string }>('vonage.callPhone', { applicationId: appId, to: '+1 (201) 555-0100', from: second, confirm: true });
      assert.deepStrictEqual(Object.keys(placed), ['uuid']);
      const call = sandboxCall(placed.uuid);
      assert.deepStrictEqual([call.to, call.from], [{ type: 'phone', number: '12015550100' }, { type: 'phone', number: second }]);
      env.sandbox.voice.advance(1000);
      env.sandbox.voice.advance(60_000);
      assert.strictEqual(sandboxCall(placed.uuid).status, 'unanswered');
    });

    it('by hand: the number, then which caller ID (two linked), then a modal naming both and the balance; dismissing it sends nothing', async () => {
      let asked = '';
      const ui = new QueuedUi(['Calls App', '+1 201 555 0100', '+44 7700 900001'], (message) => { asked = message; return 'Call'; });
      const placed = await byHand<{ uuid: string }>(env, ui, 'vonage.callPhone');
      assert.deepStrictEqual(ui.asked.map((a) => a.text), ['Call from which application?', 'The number to call, in international form', 'Call from which number of "Calls App"? (the caller ID)']);
      assert.deepStrictEqual(ui.asked[2].items, ['$(device-mobile) +44 7700 900000', '$(device-mobile) +44 7700 900001']);
      assert.strictEqual(asked, 'Call +1 201 555 0100 from +44 7700 900001?');
      assert.match(ui.messages.find((m) => m.level === 'confirm')!.detail ?? '', /by the minute, from when it is answered, to your balance \(€\d+\.\d\d now\)/);
      assert.strictEqual(sandboxCall(placed.uuid).from?.number, second);
      const before = posts();
      const dismissed = new QueuedUi(['+1 201 555 0100', '+44 7700 900000'], () => undefined);
      assert.strictEqual(await byHand(env, dismissed, 'vonage.callPhone', { applicationId: appId, interactive: true }), undefined);
      assert.strictEqual(posts(), before, 'no call without the Call button');
    });

    it('a caller ID that is not ours, or ours but not linked (with Link the Number): said before anything is sent', async () => {
      await runFails('vonage.callPhone', { applicationId: appId, to: '12015550100', from: '447700900099', confirm: true }, /is not one of your numbers/);
      await runFails('vonage.callPhone', { applicationId: appId, to: '12015550100', from: '447700900002', confirm: true },
        /^\+44 7700 900002 is yours but not linked to "Calls App", so it cannot be this call's caller ID; nothing was sent\. Link it to the application first\.$/);
      await runFails('vonage.callPhone', { applicationId: appId, to: '800', from: first, confirm: true }, /is not a phone number Vonage can call/);
      assert.strictEqual(posts(), 0);
    });

    it('a number in national form (07700 900123) or after 00 is refused before the cost is asked: by hand and scripted', async () => {
      await runFails('vonage.callPhone', { applicationId: appId, to: '07700 900123', from: first, confirm: true },
        /^"07700 900123" is a number in national form \(it starts with 0\): Vonage needs it in international form, with the country code, such as \+44 7700 900000\.$/);
      await runFails('vonage.callPhone', { applicationId: appId, to: '00 44 7700 900123', from: first, confirm: true }, /^"00 44 7700 900123" starts with 00, the prefix for dialling abroad/);
      for (const typed of ['07700 900123', '00 44 7700 900123']) {
        const ui = new QueuedUi([typed, CANCEL], () => 'Call');
        await byHand(env, ui, 'vonage.callPhone', { applicationId: appId, from: first, interactive: true });
        assert.match(ui.asked[0].validation ?? '', /national form|starts with 00/, `${typed}: the input box says what is wrong`);
        assert.deepStrictEqual(ui.messages.filter((m) => m.level === 'confirm'), [], `${typed}: no cost is asked for`);
      }
      assert.strictEqual(posts(), 0);
    });

    it('nothing typed: "Enter the number to call", not that "" is not a phone number; scripted, which argument is missing', async () => {
      const ui = new QueuedUi(['', CANCEL]);
      await byHand(env, ui, 'vonage.callPhone', { applicationId: appId, from: first, interactive: true });
      assert.strictEqual(ui.asked[0].validation, 'Enter the number to call, with + and the country code, such as +44 7700 900000.');
      await runFails('vonage.callPhone', { applicationId: appId, to: ' ', from: first, confirm: true }, /^Say which number to call \(to\), with \+ and the country code, such as \+44 7700 900000\.$/);
      assert.strictEqual(posts(), 0);
    });

    it('no number linked: one sentence, and Link a Number', async () => {
      const other = (await run<{ id: string }>('vonage.createApplication', { name: 'Unlinked App', voiceAnswerUrl: 'https://example.com/a', voiceEventUrl: 'https://example.com/e' })).id;
      await env.api.tree.applications();
      await runFails('vonage.callPhone', { applicationId: other, to: '12015550100', confirm: true },
        /^"Unlinked App" has no number linked to it, and a phone call needs one as its caller ID; nothing was sent\. Link one of your numbers to it \(or buy one\), then call again\.$/);
      const ui = new QueuedUi();
      await byHand(env, ui, 'vonage.callPhone', { applicationId: other, interactive: true });
      await eventually(() => ui.messages.length > 0, 'said');
      assert.deepStrictEqual(ui.messages[0].actions, ['Link a Number', 'Show Log']);
      assert.deepStrictEqual(ui.asked, [], 'said before the number to call is asked');
      await run('vonage.deleteApplication', { applicationId: other });
    });

    it('the answer to the call is lost after Vonage placed it: settled by reading the calls, exactly one call', async () => {
      env.sandbox.failNext(1, { kind: 'resetAfter' }, { method: 'POST', pathPrefix: '/v1/calls' });
      const placed = await run<{ uuid: string }>('vonage.callPhone', { applicationId: appId, to: '12015550100', from: first, confirm: true });
      assert.strictEqual(posts(), 1, 'never sent twice');
      assert.deepStrictEqual(calls().map((c) => c.uuid), [placed.uuid]);
      assert.match(env.api.logText(), new RegExp(`Placed call ${placed.uuid} .*its answer was lost, and the application's calls show it was placed, once`));
    });

    it('the request is lost before Vonage saw it: not found (yet), said without promising a retry is safe, with Show Calls; never retried', async () => {
      env.sandbox.failNext(1, { kind: 'reset' }, { method: 'POST', pathPrefix: '/v1/calls' });
      await runFails('vonage.callPhone', { applicationId: appId, to: '12015550100', from: first, confirm: true },
        /and the application's calls do not show it yet: it may not have been placed, or Vonage may not list it yet\. Look at the application's Calls in a minute before calling again, so you do not call twice\.$/);
      assert.strictEqual(posts(), 1);
      assert.deepStrictEqual(calls(), []);
      env.sandbox.failNext(1, { kind: 'reset' }, { method: 'POST', pathPrefix: '/v1/calls' });
      const ui = new QueuedUi([ENTER], () => 'Call'); // the number box, prefilled
      await byHand(env, ui, 'vonage.callPhone', { applicationId: appId, to: '12015550100', from: first, interactive: true });
      await eventually(() => ui.messages.some((m) => m.level === 'error'), 'said');
      const said = ui.messages.find((m) => m.level === 'error')!;
      assert.doesNotMatch(said.text, /safe/);
      assert.deepStrictEqual(said.actions, ['Show Calls', 'Show Log']);
      assert.strictEqual(posts(), 2, 'one POST per click, never a retry');
    });
  });

  describe('List Calls and the Calls node', () => {
    it('listCalls scripted: every page, newest first; the status filter; by hand it shows the Calls node', async () => {
      env.sandbox.voice.seed(appId, 130);
      const placed = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      const all = await run<Listed[]>('vonage.listCalls', { applicationId: appId });
      assert.strictEqual(all.length, 131);
      assert.strictEqual(all[0].uuid, placed.uuid, 'newest first');
      assert.deepStrictEqual(Object.keys(all[1]).sort(), ['conversationUuid', 'direction', 'duration', 'from', 'startTime', 'status', 'to', 'uuid']);
      assert.deepStrictEqual((await run<Listed[]>('vonage.listCalls', { applicationId: appId, status: 'started' })).map((c) => c.uuid), [placed.uuid]);
      await runFails('vonage.listCalls', { applicationId: appId, status: 'ended' }, /^"ended" is not a call status: use one of started, ringing/);
    });

    it('the Calls node: newest first, 20 a page, Load more; a live call looks live and has Hang Up; it follows the call until it ends', async () => {
      env.sandbox.voice.seed(appId, 25);
      const placed = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      reloadCalls();
      let list = await rows();
      assert.strictEqual(list.length, 21, '20 calls and Load more');
      assert.strictEqual(list[0].call?.uuid, placed.uuid);
      assert.strictEqual(labelOf(list[0]), '→ alice (app)', 'Vonage gives no caller: the application placed it, and its name on every row would make them look alike');
      assert.match(String(list[0].description), /^started · outbound · /);
      assert.strictEqual(list[0].contextValue, 'vonage.call.live');
      assert.strictEqual((list[0].iconPath as vscode.ThemeIcon).id, 'bell-dot');
      assert.strictEqual(list[1].contextValue, 'vonage.call.ended');
      assert.match(String(list[1].description), /^completed · outbound · .* · \d+:\d\d$/);
      assert.strictEqual((await callsGroup()).description, '1 live');
      const more = list[20];
      assert.strictEqual(labelOf(more), 'Load more…');
      assert.strictEqual(await vscode.commands.executeCommand(more.command!.command, ...((more.command!.arguments ?? []) as unknown[])), 6);
      list = await rows();
      assert.strictEqual(list.length, 26, 'every call, no Load more');
      // answered at the far end: the node follows (re-read without a Refresh) and shows it connected
      env.sandbox.voice.advance(1000);
      env.sandbox.voice.answer(placed.uuid);
      await eventually(async () => (await rowOf(placed.uuid))?.description?.toString().startsWith('answered') === true, 'the row follows the call to answered', 15_000);
      const answered = (await rowOf(placed.uuid))!;
      assert.strictEqual((answered.iconPath as vscode.ThemeIcon).id, 'call-outgoing');
      assert.strictEqual(((answered.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'testing.iconPassed');
      await vscode.commands.executeCommand('vonage.hangUpCall', answered);
      const ended = (await rowOf(placed.uuid))!;
      assert.strictEqual(ended.contextValue, 'vonage.call.ended');
      assert.match(String(ended.description), /^completed · outbound · .* · \d+:\d\d$/, 'hung up here: the row has the duration Vonage gives the ended call');
    });

    it('a click on a call opens its conversation in the events timeline', async () => {
      const placed = await run<Placed>('vonage.callUser', { applicationId: appId, user: 'alice' });
      env.sandbox.voice.advance(1000);
      env.sandbox.voice.answer(placed.uuid);
      reloadCalls();
      const row = (await rowOf(placed.uuid))!;
      assert.strictEqual(row.command?.command, 'vonage.openCallEvents');
      await vscode.commands.executeCommand(row.command.command, ...((row.command.arguments ?? []) as unknown[]));
      await eventually(() => vscode.window.activeTextEditor?.document.uri.scheme === 'vonage-events', 'the timeline is open');
      const text = vscode.window.activeTextEditor!.document.getText();
      assert.match(text.split('\n')[0], new RegExp(`^# Events of the call to alice \\(app\\) \\(${placed.conversationUuid}\\), newest last$`));
      assert.match(text, /member:(invited|joined)/);
      const scripted = await run<{ conversationId: string; uri: string }>('vonage.openCallEvents', { applicationId: appId, uuid: placed.uuid });
      assert.strictEqual(scripted.conversationId, placed.conversationUuid);
    });
  });

  describe('an NCCO file\'s CodeLens', () => {
    const file = () => path.join(workspaceRoot(), 'calls-suite.ncco.json');
    after(() => fs.rmSync(file(), { force: true }));

    it('"Call a user with this NCCO" places the call with the editor\'s unsaved text; the file is for that application from then on', async () => {
      fs.writeFileSync(file(), '[{ "action": "talk", "text": "saved words" }]\n');
      const doc = await vscode.workspace.openTextDocument(file());
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '[{ "action": "talk", "text": "unsaved words" }]\n'));
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      const callUser = lenses.find((l) => l.command?.command === 'vonage.callUser')!;
      const ui = new QueuedUi(['Calls App', 'alice']);
      const placed = await byHand<Placed>(env, ui, callUser.command!.command, ...((callUser.command!.arguments ?? []) as unknown[]));
      assert.deepStrictEqual(sandboxCall(placed.uuid).ncco, [{ action: 'talk', text: 'unsaved words' }]);
      assert.strictEqual(env.api.calls.files.applicationFor(doc.uri), appId);
      const again = new QueuedUi(['alice']);
      await byHand(env, again, callUser.command!.command, ...((callUser.command!.arguments ?? []) as unknown[]));
      assert.deepStrictEqual(again.asked.map((a) => a.text), ['Pick a user'], 'the application is the file\'s now');
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), '[{ "action": "talk" }]\n'));
      const bad = new QueuedUi();
      await byHand(env, bad, callUser.command!.command, ...((callUser.command!.arguments ?? []) as unknown[]));
      await eventually(() => bad.messages.some((m) => m.text === 'calls-suite.ncco.json: Action 1 (talk) needs "text".'), 'the file\'s problem is said');
      assert.deepStrictEqual(bad.asked, [], 'the NCCO is checked before the user is asked for');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('an invalid NCCO is said before any question, on both lenses (a file for no application yet)', async () => {
      const broken = path.join(workspaceRoot(), 'calls-broken.ncco.json');
      fs.writeFileSync(broken, '[\n  { "action": "talk" }\n]\n');
      try {
        const doc = await vscode.workspace.openTextDocument(broken);
        await vscode.window.showTextDocument(doc);
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        for (const command of ['vonage.callUser', 'vonage.callPhone']) {
          const lens = lenses.find((l) => l.command?.command === command)!;
          const ui = new QueuedUi();
          await byHand(env, ui, command, ...((lens.command!.arguments ?? []) as unknown[]));
          await eventually(() => ui.messages.length > 0, `${command}: said`);
          assert.strictEqual(ui.messages[0].text, 'calls-broken.ncco.json: Action 1 (talk) needs "text".');
          assert.deepStrictEqual(ui.asked, [], `${command}: nothing asked before the NCCO is checked`);
        }
        assert.strictEqual(posts(), 0);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        fs.rmSync(broken, { force: true });
      }
    });
  });

  describe('the log', () => { // last: mocha runs a suite's own tests before its nested suites
    it('has the calls\' ids and statuses, never an NCCO\'s text (a call placed names its endpoint\'s kind, not who)', () => {
      const log = env.api.logText();
      assert.match(log, /Placed call [\w-]+ \(conversation [\w-]+, app endpoint\) from application [\w-]+, started\./);
      assert.match(log, /Placed call [\w-]+ \(conversation [\w-]+, phone endpoint\) from application/);
      assert.doesNotMatch(log, /Placed call .*(alice|12015550100)/);
      for (const text of ['unsaved words', 'saved words', 'From the test', 'Hello alice', 'placed from VS Code']) assert.ok(!log.includes(text), `the log holds "${text}"`);
    });
  });
});
