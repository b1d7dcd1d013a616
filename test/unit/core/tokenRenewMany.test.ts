// Renew Expired Tokens' core: which tokens are due (by exp, by Vonage's 15 minutes without exp, by its
// 24 hours from iat), the reasons a token is skipped, and Cancel, which stops the run before the next
// token is signed.
import * as assert from 'node:assert/strict';
import { dueTokens, isCancellation, isDueForRenewal, renewDueTokens, type RenewalRun } from '../../../src/vonage';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const T = NOW / 1000;
const HOUR = 3600;
const APP = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const RS = { alg: 'RS256', typ: 'JWT' };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const user = (over: Record<string, unknown> = {}) => ({ application_id: APP, iat: T - HOUR, jti: 'j', exp: T + 23 * HOUR, sub: 'alice', ...over });
const jwt = (claims: Record<string, unknown>) => `${b64(RS)}.${b64(claims)}.c2ln`;

describe('renew many: which tokens are due', () => {
  const table: [string, Record<string, unknown>, boolean][] = [
    ['valid, 23 h left', user(), false],
    ['expiring within the hour, not yet expired', user({ exp: T + 1800 }), false],
    ['expired by its exp', user({ iat: T - 5 * HOUR, exp: T - HOUR }), true],
    ['no exp, issued 20 minutes ago: Vonage\'s 15 minutes are over', user({ iat: T - 1200, exp: undefined }), true],
    ['no exp, issued 5 minutes ago', user({ iat: T - 300, exp: undefined }), false],
    ['issued 30 h ago, exp 18 h ahead: Vonage stopped taking it 24 h after its iat', user({ iat: T - 30 * HOUR, exp: T + 18 * HOUR }), true],
    ['lives 48 h, issued an hour ago: the lens already calls it rejected', user({ iat: T - HOUR, exp: T + 47 * HOUR }), true],
    ['lives exactly 24 h, issued 23 h ago', user({ iat: T - 23 * HOUR, exp: T + HOUR }), false],
    ['not a Vonage token, expired (renew says why it skips it)', { sub: 'bob', exp: T - 10 }, true],
  ];
  for (const [name, claims, due] of table) {
    it(`${name}: ${due ? 'due' : 'not due'}`, () => {
      for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
      assert.equal(isDueForRenewal({ header: RS, claims }, NOW), due);
      assert.equal(isDueForRenewal({ header: RS, claims }, NOW, false), true, 'with onlyExpired: false every token is due');
    });
  }

  it('finds the due tokens of a text, in order', () => {
    const expired = jwt(user({ iat: T - 5 * HOUR, exp: T - HOUR }));
    const tooLong = jwt(user({ iat: T - 30 * HOUR, exp: T + 18 * HOUR }));
    const text = `A=${expired}\nB=${jwt(user())}\nC=${tooLong}\n`;
    assert.deepEqual(dueTokens(text, NOW, true).map((t) => text.slice(t.start, t.end)), [expired, tooLong]);
    assert.equal(dueTokens(text, NOW, false).length, 3);
  });
});

describe('renew many: new tokens, skipped ones with why, and Cancel', () => {
  const KEY = 'the-private-key';
  const text = [
    jwt(user({ iat: T - 5 * HOUR, exp: T - HOUR })),
    jwt({ sub: 'bob', exp: T - 10 }),
    jwt(user({ application_id: 'other-app', exp: T - 10 })),
    jwt(user({ application_id: 'named-app', exp: T - 10 })),
    jwt(user({ iat: T - 3 * HOUR, exp: T - 2 * HOUR, sub: 'carol' })),
  ].join('\n');
  const run = (over: Partial<RenewalRun> = {}): RenewalRun & { signed: string[] } => {
    const signed: string[] = [];
    return {
      signed,
      privateKey: (id) => Promise.resolve(id === APP ? KEY : undefined),
      applicationName: (id) => (id === 'named-app' ? 'Named App' : undefined),
      sign: (plan, key) => { assert.equal(key, KEY); signed.push(String(plan.kept.sub)); return `new-${String(plan.kept.sub)}`; },
      ...over,
    };
  };

  it('a fresh token for each one whose key is held, the others skipped with the reason', async () => {
    const due = dueTokens(text, NOW, true);
    const r = run();
    const result = await renewDueTokens(due, r);
    assert.deepEqual(result.replacements, [
      { start: due[0].start, end: due[0].end, token: 'new-alice' },
      { start: due[4].start, end: due[4].end, token: 'new-carol' },
    ]);
    assert.deepEqual(result.skipped, [
      'not a Vonage token (it has no application_id)',
      'this VS Code holds no private key for application other-app',
      'this VS Code holds no private key for application "Named App" (named-app)',
    ]);
  });

  it('Cancel before the first token: nothing is signed, the run throws a cancellation', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = run({ signal: controller.signal });
    await assert.rejects(renewDueTokens(dueTokens(text, NOW, true), r), (e: unknown) => isCancellation(e));
    assert.deepEqual(r.signed, []);
  });

  it('Cancel while signing: no further token is signed, and no result comes back to apply', async () => {
    const controller = new AbortController();
    const r = run({ signal: controller.signal, sign: (plan) => { controller.abort(); r.signed.push(String(plan.kept.sub)); return 'new'; } });
    await assert.rejects(renewDueTokens(dueTokens(text, NOW, true), r), (e: unknown) => isCancellation(e));
    assert.deepEqual(r.signed, ['alice'], 'the first token only');
  });

  it('Cancel while a private key is looked up: that token is not signed', async () => {
    const controller = new AbortController();
    const r = run({ signal: controller.signal, privateKey: () => { controller.abort(); return Promise.resolve(KEY); } });
    await assert.rejects(renewDueTokens(dueTokens(text, NOW, true), r), (e: unknown) => isCancellation(e));
    assert.deepEqual(r.signed, []);
  });
});
