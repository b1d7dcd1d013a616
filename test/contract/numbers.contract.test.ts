// Contract tier for the REST host: the core's NumbersClient and AccountClient talk to the sandbox through
// Prism's validating proxy loaded with Vonage's own numbers.yml and account.yml. Every request (query auth,
// form-encoded bodies) and every answer (owned numbers, search, buy/cancel/update results, 401, 420) must
// pass with zero violations.
//
// Where the documents and the live API differ:
// - The documents' security schemes put api_key and api_secret in the query for every operation, the form
//   POSTs included; the live API also reads them from the form body. The core sends the query (both accept it).
// - `ownednumber` lists no `app_id`, though the live API returns one for a linked number; the schema allows
//   other properties, so the sandbox returns it and Prism accepts it.
import * as assert from 'node:assert/strict';
import { AccountClient, generateKeyPair, NumbersClient, VonageHttpClient } from '../../src/vonage';
import { startSandbox, VonageSandbox } from '../sandbox';
import { ACCOUNT_DOC, NUMBERS_DOC, preparedDocs, PrismProxy, stopAllPrisms } from './prism';
import { rejection, requireDocs } from './support';

describe('contract: numbers and balance against the sandbox, through Prism and the official documents', function () {
  this.timeout(60000);
  let sandbox: VonageSandbox;
  let numbersProxy: PrismProxy | undefined;
  let accountProxy: PrismProxy | undefined;
  let docs: ReturnType<typeof preparedDocs> | undefined;

  before(async function () {
    requireDocs(this, [NUMBERS_DOC, ACCOUNT_DOC], 'NUMBERS CONTRACT TESTS');
    docs = preparedDocs();
    sandbox = await startSandbox();
    [numbersProxy, accountProxy] = await Promise.all([
      PrismProxy.start(`${docs.dir}/${NUMBERS_DOC}`, sandbox.url),
      PrismProxy.start(`${docs.dir}/${ACCOUNT_DOC}`, sandbox.url),
    ]);
  });

  after(async () => {
    await Promise.all([numbersProxy?.stop(), accountProxy?.stop(), stopAllPrisms(), sandbox?.stop()]);
    docs?.cleanup();
  });

  beforeEach(() => sandbox.reset());

  afterEach(async function () {
    if (this.currentTest?.state === 'pending') return;
    const [n, a] = await Promise.all([numbersProxy?.settledProblems(), accountProxy?.settledProblems()]);
    const problems = [...(n ?? []), ...(a ?? [])];
    assert.deepEqual(problems, [], `Prism reported contract problems:\n${problems.join('\n')}`);
  });

  function http(proxy: PrismProxy): VonageHttpClient {
    return new VonageHttpClient({ baseUrl: proxy.url, userAgent: 'vonage-credentials-vscode/contract-test', maxRetries: 0, timeoutMs: 20000 });
  }
  const numbers = (secret = sandbox.apiSecret) => new NumbersClient(http(numbersProxy!), { apiKey: sandbox.apiKey, apiSecret: secret });
  const account = () => new AccountClient(http(accountProxy!), { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret });
  /** The sandbox really answered (Prism forwarded it) with these statuses, in order. */
  const answered = (...statuses: number[]) => assert.deepEqual(sandbox.requests.map((r) => r.status), statuses, JSON.stringify(sandbox.requests));


  it('the harness sees a request that breaks the document (no country on a search: 422, not forwarded)', async () => {
    const e = await rejection(http(numbersProxy!).request({ method: 'GET', path: '/number/search', auth: { kind: 'query', apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret } }));
    assert.equal(e.status, 422);
    assert.deepEqual(sandbox.requests, []);
    assert.notDeepEqual(await numbersProxy!.settledProblems(), []);
  });

  it('search with type, features and pattern', async () => {
    const found = await numbers().search({ country: 'US', type: 'mobile-lvn', features: ['SMS', 'VOICE'], pattern: '2015550' });
    assert.ok(found.length > 0);
    assert.ok(found.every((n) => n.country === 'US' && n.features.includes('SMS') && n.cost === '0.90'));
    answered(200);
  });

  it('buy (form body), then the owned numbers and the balance show it', async () => {
    const [n] = await numbers().search({ country: 'GB', type: 'mobile-lvn' });
    const before = await account().balance();
    assert.deepEqual(await numbers().buy('GB', n.msisdn), { country: 'GB', msisdn: n.msisdn, settledBy: 'answer' });
    assert.deepEqual((await numbers().list()).map((o) => o.msisdn), [n.msisdn]);
    assert.equal((await account().balance()).value, before.value - Number(n.cost));
    answered(200, 200, 200, 200, 200);
  });

  it('a 420 refusal and a 401 have the documented shapes', async () => {
    const [n] = await numbers().search({ country: 'GB' });
    sandbox.numbers.setBalance(0);
    assert.match((await rejection(numbers().buy('GB', n.msisdn))).message, /^Your balance does not cover/);
    assert.equal((await rejection(numbers('wrong-secret').list())).status, 401);
  });

  it('link keeps the other settings; unlink; cancel', async () => {
    const [app] = sandbox.seedApplications(1, (await generateKeyPair()).publicKey);
    const [n] = sandbox.numbers.seedOwned(1, { settings: { moHttpUrl: 'https://example.com/sms', voiceStatusCallback: 'https://example.com/status' } });
    assert.equal((await numbers().link(n.msisdn, app.id)).applicationId, app.id);
    assert.deepEqual(await numbers().find(n.msisdn), {
      country: 'GB', msisdn: n.msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'], applicationId: app.id,
      moHttpUrl: 'https://example.com/sms', voiceStatusCallback: 'https://example.com/status',
      voiceCallbackType: undefined, voiceCallbackValue: undefined, messagesCallbackType: undefined, messagesCallbackValue: undefined,
    });
    assert.equal((await numbers().list({ applicationId: app.id })).length, 1);
    await numbers().unlink(n.msisdn);
    assert.equal((await numbers().find(n.msisdn))?.applicationId, undefined);
    await numbers().cancel('GB', n.msisdn);
    assert.deepEqual(await numbers().list(), []);
  });

  it('1,000 owned numbers: ten pages, all read', async () => {
    sandbox.numbers.seedOwned(1000);
    assert.equal((await numbers().list()).length, 1000);
    assert.equal(sandbox.requests.length, 10);
  });
});
