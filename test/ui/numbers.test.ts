// UI tier: a person buys a number and links it to an application, in a real VS Code workbench (code-server
// in headless Chromium) against the sandbox: the Numbers view's Buy action, the search questions, the
// modal with the price and the balance, the number in the view, the inline Link action, and the number
// under the application. With UPDATE_SCREENSHOTS=1 it retakes the README's screenshot (docs/images/numbers.png).
import * as assert from 'assert';
import { readmeShot, uiSuite } from './workbench';

const APP_NAME = 'UI Numbers App';
const NUMBER = '+44 7700 900000';
const say = (line: string) => console.log(`      ${line}`);

describe('UI: buy a number and link it to an application', function () {
  const ui = uiSuite('vonage-ui-numbers-', { 'git.enabled': false });

  it('signs in and creates an application; the Numbers view says the account has none', async function () {
    const { me, wb } = ui;
    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.createApplication(APP_NAME);
    await me.openSection('Numbers'); // collapsed at first: nothing is read for it until a person opens it
    await me.treeRow('No numbers yet — search and buy one').waitFor({ timeout: 30_000 });
  });

  it('Buy Number on the Numbers view: country, type, features, digits, a pick, then a modal with the price and the balance', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    await me.palette('Vonage: Buy Number');
    await me.choose('Which country should the number be in?', 'United Kingdom');
    await me.choose('What type of number?', 'Mobile');
    await me.choose('What must it do?', 'Voice and SMS');
    await me.answer('Digits the number should contain', '');
    await me.choose('numbers for sale: pick one to buy', NUMBER);
    const dialog = await me.confirmDialog(`Buy ${NUMBER} for €1.25 a month?`, 'Buy');
    say(`dialog: ${dialog}`);
    assert.match(dialog, /first month from your balance \(€10\.00\) now/);
    await me.notification(/Bought \+44 7700 900000 \(€1\.25 a month\)\. Balance now €8\.75\./);
    assert.deepStrictEqual(wb.sandbox.numbers.ownedBy(wb.sandbox.apiKey).map((n) => n.msisdn), ['447700900000']);
    await me.treeRow(NUMBER).waitFor({ timeout: 30_000 });
  });

  it('the inline Link action on the number; the number then shows under the application', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    await me.inlineAction(me.treeRow(NUMBER), 'Link Number to Application');
    await me.choose('Link +44 7700 900000 to which application?', APP_NAME);
    await me.notification(`Linked ${NUMBER} to "${APP_NAME}"`);
    const [app] = wb.sandbox.applications();
    assert.strictEqual(wb.sandbox.numbers.ownedBy(wb.sandbox.apiKey)[0].app_id, app.id);
    await me.expand(me.treeRow(APP_NAME));
    await me.expand(me.treeRow('Numbers'));
    const rows = me.sidebar.locator('.monaco-list-row').filter({ hasText: NUMBER }); // under the application, then in the Numbers view
    await rows.nth(1).waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await rows.nth(0).innerText(), /→/, 'under its application the link goes without saying');
    assert.match(await rows.nth(1).innerText(), /→ UI Numbers App/, 'the Numbers view names the application');
    await me.clearNotifications();
    await me.widenSidebar(640); // room for the numbers' descriptions in the picture
    const shot = readmeShot(wb, 'numbers.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 700, height: 800 } });
    say(`wrote ${shot}`);
  });
});
