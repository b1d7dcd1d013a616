// Numbers and balance in the real VS Code against the sandbox's REST host: every command in both forms
// (scripted with an argument object, and by hand with queued answers), the Numbers view and the numbers
// under an application, the balance in the status bar, and money never spent twice.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NumberNode } from '../../src/features/numbers/numberNode';
import { AnsweringUi } from './support/answeringUi';
import {
  CANCEL, ENTER, QueuedUi, type Env, applicationNode, byHand, deleteElsewhere, eventually, labelOf, run, runFails, startEnv, stopEnv,
} from './support/harness';

interface Found { msisdn: string; country: string; type: string; features: string[]; cost: string }
interface Bought { msisdn: string; country: string; settledBy: 'answer' | 'reading' }

describe('numbers and balance', () => {
  let env: Env;
  let appId: string;
  const owned = () => env.sandbox.numbers.ownedBy(env.sandbox.apiKey);
  const posts = (path: string) => env.sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith(path)).length;
  const forSale = (country = 'GB') => env.sandbox.numbers.available(country);
  /** The Numbers view's rows, read fresh. */
  const numberRows = async () => {
    env.api.numbers.tree.reload();
    return await env.api.numbers.tree.getChildren();
  };
  /** The "Numbers" node under the application and its rows. */
  const linkedRows = async (id = appId) => {
    const app = await applicationNode(env.api, id);
    const group = (await env.api.tree.getChildren(app as never)).find((c) => c.contextValue === 'vonage.applicationNumbers');
    assert.ok(group, 'the application has a "Numbers" node');
    env.api.numbers.tree.reload();
    return await env.api.tree.getChildren(group);
  };
  /** The status bar re-reads the account list before it shows a new tooltip: wait for it. */
  const tooltipShows = (re: RegExp) => eventually(() => re.test(env.api.accountStatus.shown?.tooltip ?? ''), `the status-bar tooltip matches ${String(re)}`);
  const rowFor = async (msisdn: string) => (await numberRows()).find((r) => (r as NumberNode).msisdn === msisdn) as NumberNode;

  before(async () => {
    env = await startEnv();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: 'Numbers App' })).id;
    await env.api.tree.applications(); // the view knows the application's name (a linked number shows it)
  });
  after(() => stopEnv(env));
  beforeEach(() => {
    env.sandbox.numbers.reset();
    env.sandbox.clearFaults();
    env.sandbox.requests.length = 0;
    env.api.numbers.tree.reload();
  });

  it('balance: {value, autoReload}; shown in the status-bar tooltip and the Numbers view', async () => {
    assert.deepStrictEqual(await run('vonage.balance', {}), { value: 10, autoReload: false });
    await tooltipShows(/\nBalance: €10\.00 \(auto-reload off\)\.$/);
    assert.strictEqual(env.api.numbers.view.description, '€10.00');
    const ui = new QueuedUi();
    await byHand(env, ui, 'vonage.balance');
    assert.deepStrictEqual(ui.messages.map((m) => m.text), ['Your Vonage balance is €10.00 (auto-reload off).']);
  });

  it('searchNumbers scripted: the numbers for sale with their monthly price', async () => {
    const found = await run<Found[]>('vonage.searchNumbers', { country: 'gb', type: 'mobile-lvn', features: ['VOICE', 'SMS'] });
    assert.strictEqual(found.length, 100);
    assert.deepStrictEqual(found[0], { country: 'GB', msisdn: forSale()[0].msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'], cost: '1.25' });
    await runFails('vonage.searchNumbers', { country: 'Britain' }, /^"Britain" is not a country code: give the two letters of ISO 3166-1, such as GB or US\.$/);
    await runFails('vonage.searchNumbers', { country: 'GB', features: ['FAX'] }, /FAX is not a feature of a number/);
  });

  it('searchNumbers by hand: country (usual ones first), type, features, digits; a pick goes on to buy with price and balance shown', async () => {
    const wanted = forSale()[0];
    let asked = '';
    const ui = new QueuedUi(['United Kingdom', 'Mobile', 'Voice and SMS', ENTER, (items: { value: Found }[]) => items[0].value], (message) => {
      asked = message;
      return 'Buy';
    });
    const found = await byHand<Found[]>(env, ui, 'vonage.searchNumbers');
    assert.strictEqual(found.length, 100);
    assert.deepStrictEqual(ui.asked[0].items?.slice(0, 3), ['United Kingdom', 'United States', 'Canada']);
    assert.strictEqual(asked, `Buy +44 7700 900000 for €1.25 a month?`);
    const confirm = ui.messages.find((m) => m.level === 'confirm')!;
    assert.match(confirm.detail ?? '', /first month from your balance \(€10\.00\) now/);
    await eventually(() => owned().some((o) => o.msisdn === wanted.msisdn), 'the number is ours');
    assert.strictEqual(env.sandbox.numbers.balance(env.sandbox.apiKey), 8.75);
    await eventually(() => ui.messages.some((m) => m.level === 'info' && m.text.startsWith('Bought +44 7700 900000 (€1.25 a month). Balance now €8.75.')), 'the purchase is reported with the new balance');
    await tooltipShows(/Balance: €8\.75/);
  });

  it('buyNumber scripted without confirm: true is refused and nothing is bought', async () => {
    const n = forSale()[0];
    await runFails('vonage.buyNumber', { country: 'GB', msisdn: n.msisdn }, /^Buying a number spends or releases money, so a scripted call must say confirm: true\. Nothing was done\.$/);
    assert.strictEqual(posts('/number/buy'), 0);
    assert.deepStrictEqual(owned(), []);
  });

  it('buyNumber scripted: {msisdn}; it shows in the Numbers view, formatted', async () => {
    const n = forSale('US')[0];
    const bought = await run<Bought>('vonage.buyNumber', { country: 'US', msisdn: n.msisdn, confirm: true });
    assert.deepStrictEqual(bought, { country: 'US', msisdn: n.msisdn, settledBy: 'answer' });
    const row = await rowFor(n.msisdn);
    assert.strictEqual(labelOf(row), '+1 201 555 0100');
    assert.strictEqual(row.description, 'US · mobile · VOICE, SMS, MMS');
    assert.strictEqual(row.contextValue, 'vonage.number.unlinked');
  });

  it('the answer to a purchase is lost after Vonage made it: settled by reading the account, bought once, said plainly', async () => {
    const n = forSale()[0];
    env.sandbox.failNext(1, { kind: 'resetAfter' }, { pathPrefix: '/number/buy' });
    const ui = new QueuedUi([], () => 'Buy');
    const bought = await byHand<Bought>(env, ui, 'vonage.buyNumber', { country: 'GB', msisdn: n.msisdn, interactive: true });
    assert.strictEqual(bought.settledBy, 'reading');
    assert.strictEqual(posts('/number/buy'), 1, 'never sent twice');
    assert.deepStrictEqual(owned().map((o) => o.msisdn), [n.msisdn]);
    await eventually(() => ui.messages.some((m) => m.text === `Vonage did not answer the purchase, but your numbers show +44 7700 900000 is yours now: it was bought once (€1.25 a month).`), 'the settled purchase is reported');
  });

  it('the request is lost before Vonage saw it: not bought, nothing charged, never retried', async () => {
    const n = forSale()[0];
    env.sandbox.failNext(1, { kind: 'reset' }, { pathPrefix: '/number/buy' });
    await runFails('vonage.buyNumber', { country: 'GB', msisdn: n.msisdn, confirm: true },
      /^Vonage did not confirm buying \+44 7700 900000 \(the connection failed\), and it is not among your numbers: it was not bought and nothing was charged\. Try again if you still want it\.$/);
    assert.strictEqual(posts('/number/buy'), 1);
    assert.strictEqual(env.sandbox.numbers.balance(env.sandbox.apiKey), 10);
  });

  it('already ours, gone meanwhile, not enough balance: one sentence each, nothing charged', async () => {
    const [mine, gone, third] = forSale();
    await run('vonage.buyNumber', { country: 'GB', msisdn: mine.msisdn, confirm: true });
    await runFails('vonage.buyNumber', { country: 'GB', msisdn: mine.msisdn, confirm: true }, /^\+44 7700 900000 is already one of your numbers \(420: You already own this number\); nothing was charged\.$/);
    env.sandbox.addAccount('rival-key', 'rival-secret');
    const rival = await fetch(`${env.sandbox.url}/number/buy?api_key=rival-key&api_secret=rival-secret`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `country=GB&msisdn=${gone.msisdn}`,
    });
    assert.strictEqual(rival.status, 200, 'someone else bought it meanwhile');
    await runFails('vonage.buyNumber', { country: 'GB', msisdn: gone.msisdn, confirm: true }, /^Vonage would not sell \+44 7700 900001 \(420: method failed\): someone may have bought it meanwhile/);
    env.sandbox.numbers.setBalance(0.5);
    await runFails('vonage.buyNumber', { country: 'GB', msisdn: third.msisdn, confirm: true }, /^Your balance does not cover \+44 7700 900002 \(420: Insufficient balance to buy this number\)\. Top up your account on the Vonage dashboard and try again; nothing was charged\.$/);
    const before = posts('/number/buy');
    const ui = new QueuedUi([], () => 'Buy');
    await byHand(env, ui, 'vonage.buyNumber', { country: 'GB', msisdn: third.msisdn, interactive: true });
    assert.strictEqual(posts('/number/buy'), before, 'by hand, a balance that does not cover it stops before anything is sent');
    assert.ok(!ui.messages.some((m) => m.level === 'confirm'), 'no purchase offered');
    await eventually(() => ui.messages.some((m) => m.level === 'error' && m.text.startsWith('Your balance (€0.50) does not cover +44 7700 900002 (€1.25 a month): top up on the Vonage dashboard first. Nothing was bought.')), 'said why');
    await tooltipShows(/⚠ Your balance \(€0\.50\) does not cover/);
    env.sandbox.numbers.setBalance(10);
  });

  it('buyNumber by hand: dismissing the confirmation buys nothing', async () => {
    const ui = new QueuedUi(['Germany', 'Any type', 'Any', ENTER, (items: { value: Found }[]) => items[0].value], () => undefined);
    assert.strictEqual(await byHand(env, ui, 'vonage.buyNumber'), undefined);
    assert.strictEqual(posts('/number/buy'), 0);
    assert.match(ui.messages.find((m) => m.level === 'confirm')!.text, /^Buy \+49 [\d ]+ for €1\.00 a month\?$/);
  });

  it('listNumbers: every page', async () => {
    env.sandbox.numbers.seedOwned(250);
    const list = await run<{ msisdn: string; applicationId?: string }[]>('vonage.listNumbers', {});
    assert.strictEqual(list.length, 250);
    assert.strictEqual(new Set(list.map((n) => n.msisdn)).size, 250);
    assert.strictEqual(env.sandbox.requests.filter((r) => r.path.startsWith('/account/numbers')).length, 3);
  });

  it('linkNumber scripted keeps the number\'s other settings; it shows under the application', async () => {
    const settings = { moHttpUrl: 'https://example.com/sms', voiceStatusCallback: 'https://example.com/status', voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@example.com' };
    const [n] = env.sandbox.numbers.seedOwned(1, { settings });
    assert.deepStrictEqual(await run('vonage.linkNumber', { msisdn: n.msisdn, applicationId: appId }), { msisdn: n.msisdn, applicationId: appId });
    assert.deepStrictEqual(owned()[0], { ...n, ...settings, app_id: appId });
    const rows = await linkedRows();
    assert.deepStrictEqual(rows.map(labelOf), ['+44 7400 000000']);
    assert.strictEqual(rows[0].contextValue, 'vonage.number.linked');
    assert.match(String((await rowFor(n.msisdn)).description), /→ Numbers App$/);
  });

  it('linkNumber by hand from a number: asks which application; from an application: asks which number', async () => {
    const [a, b] = env.sandbox.numbers.seedOwned(2);
    const fromNumber = new QueuedUi([(items: { value: { id: string } }[]) => items.find((i) => i.value.id === appId)!.value]);
    await byHand(env, fromNumber, 'vonage.linkNumber', await rowFor(a.msisdn));
    assert.strictEqual(owned().find((o) => o.msisdn === a.msisdn)?.app_id, appId);
    assert.deepStrictEqual(fromNumber.messages.map((m) => m.text), ['Linked +44 7400 000000 to "Numbers App": calls to it reach the application\'s voice answer URL.']);
    const group = (await env.api.tree.getChildren(await applicationNode(env.api, appId) as never)).find((c) => c.contextValue === 'vonage.applicationNumbers')!;
    const fromApp = new QueuedUi([(items: { label: string; value: { msisdn: string } }[]) => {
      assert.deepStrictEqual(items.map((i) => i.value.msisdn), [b.msisdn], 'only numbers not linked to it yet');
      return items[0].value;
    }]);
    await byHand(env, fromApp, 'vonage.linkNumber', group);
    assert.strictEqual(owned().find((o) => o.msisdn === b.msisdn)?.app_id, appId);
  });

  it('linkNumber by hand when the account owns no number: one sentence, and Buy Number, which opens its search', async () => {
    const group = (await env.api.tree.getChildren(await applicationNode(env.api, appId) as never)).find((c) => c.contextValue === 'vonage.applicationNumbers')!;
    let pressed = 0;
    const ui = new AnsweringUi([CANCEL], (level, _text, actions) => (level === 'error' && actions.includes('Buy Number') && !pressed++ ? 'Buy Number' : undefined));
    env.api.setUi(ui);
    try {
      await vscode.commands.executeCommand('vonage.linkNumber', group);
      await eventually(() => ui.asked.length > 0, 'Buy Number asks its first question');
    } finally {
      env.api.setUi(undefined);
    }
    assert.deepStrictEqual(ui.messages.find((m) => m.level === 'error'), { level: 'error', text: 'This account owns no numbers yet: buy one first.', actions: ['Buy Number', 'Show Log'] });
    assert.strictEqual(ui.asked[0].title, 'Buy Number');
    assert.strictEqual(posts('/number/buy'), 0);
  });

  it('linking to an application deleted meanwhile is refused before anything is sent', async () => {
    const gone = (await run<{ id: string }>('vonage.createApplication', { name: 'Soon Gone' })).id;
    const [n] = env.sandbox.numbers.seedOwned(1);
    assert.strictEqual(await deleteElsewhere(env.sandbox, `/v2/applications/${gone}`), 204);
    await runFails('vonage.linkNumber', { msisdn: n.msisdn, applicationId: gone },
      /^The application "Soon Gone" no longer exists \(deleted elsewhere\?\), so \+44 7400 000000 was not linked; nothing was changed\. Refresh the Applications view and pick another\.$/);
    assert.strictEqual(posts('/number/update'), 0);
    assert.strictEqual(env.api.tree.findApplication(gone), undefined, 'it left the view');
  });

  it('unlinkNumber scripted and by hand: the number stays ours with its settings', async () => {
    const [a, b] = env.sandbox.numbers.seedOwned(2, { applicationId: appId, settings: { moHttpUrl: 'https://example.com/sms' } });
    assert.deepStrictEqual(await run('vonage.unlinkNumber', { msisdn: a.msisdn }), { msisdn: a.msisdn });
    assert.deepStrictEqual(owned().find((o) => o.msisdn === a.msisdn), { country: 'GB', msisdn: a.msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'], moHttpUrl: 'https://example.com/sms' });
    const ui = new QueuedUi();
    await byHand(env, ui, 'vonage.unlinkNumber', await rowFor(b.msisdn));
    assert.strictEqual(owned().find((o) => o.msisdn === b.msisdn)?.app_id, undefined);
    assert.deepStrictEqual((await linkedRows()).map((r) => r.contextValue), ['vonage.message.noLinkedNumbers']);
  });

  it('cancelNumber: scripted needs confirm: true; by hand a modal says what is lost; dismissing keeps it', async () => {
    const [a, b] = env.sandbox.numbers.seedOwned(2, { applicationId: appId });
    await runFails('vonage.cancelNumber', { msisdn: a.msisdn }, /^Cancelling a number spends or releases money, so a scripted call must say confirm: true\. Nothing was done\.$/);
    assert.deepStrictEqual(await run('vonage.cancelNumber', { msisdn: a.msisdn, confirm: true }), { cancelled: true });
    assert.deepStrictEqual(owned().map((o) => o.msisdn), [b.msisdn]);
    const keep = new QueuedUi([], () => undefined);
    await byHand(env, keep, 'vonage.cancelNumber', await rowFor(b.msisdn));
    assert.strictEqual(owned().length, 1, 'dismissed: still ours');
    assert.deepStrictEqual(keep.messages[0], { level: 'confirm', text: 'Cancel +44 7400 000001?', detail: 'Vonage releases it: calls and messages to it stop, and someone else may buy it. It is linked to Numbers App. This cannot be undone.', actions: ['Cancel Number'] });
    const release = new QueuedUi([], () => 'Cancel Number');
    await byHand(env, release, 'vonage.cancelNumber', await rowFor(b.msisdn));
    assert.deepStrictEqual(owned(), []);
    assert.deepStrictEqual((await numberRows()).map((r) => r.contextValue), ['vonage.message.noNumbers']);
  });

  it('a cancel whose answer is lost after Vonage released the number: settled by reading, sent once', async () => {
    const [n] = env.sandbox.numbers.seedOwned(1);
    env.sandbox.failNext(1, { kind: 'hangAfter' }, { pathPrefix: '/number/cancel' });
    await vscode.workspace.getConfiguration('vonage').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      assert.deepStrictEqual(await run('vonage.cancelNumber', { msisdn: n.msisdn, confirm: true }), { cancelled: true });
    } finally {
      await vscode.workspace.getConfiguration('vonage').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.strictEqual(posts('/number/cancel'), 1);
  });

  it('a picker dismissed changes nothing', async () => {
    env.sandbox.numbers.seedOwned(1);
    assert.strictEqual(await byHand(env, new QueuedUi([CANCEL]), 'vonage.cancelNumber'), undefined);
    assert.strictEqual(owned().length, 1);
  });

  it('the API secret of the REST host never reaches the log, even with a request URL in it', async () => {
    // A 400 page is not retried; more faults than one, as the Numbers view may read the balance meanwhile.
    env.sandbox.failNext(10, { kind: 'html', status: 400 }, { pathPrefix: '/account/get-balance' });
    await runFails('vonage.balance', {}, /answered 400 with an HTML page/);
    const log = env.api.logText();
    assert.match(log, /GET http:\/\/127\.0\.0\.1:\d+\/account\/get-balance\?api_key=sandbox-key&api_secret=\[redacted\] -> 400/);
    assert.ok(!log.includes(`api_secret=${env.sandbox.apiSecret}`));
  });
});
