// The sandbox's Users API v1: admin JWTs verified against the application's public key, per-application
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-explicit-any -- raw JSON response bodies are checked field by field */
// users, CRUD, 409/404/400 bodies, cursor pagination.
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import jwt from 'jsonwebtoken';
import { startSandbox, VonageSandbox } from '../../sandbox';
import type { Application } from '../../sandbox';
import { adminToken, bearer, call, keyPair, Pair } from './helpers';

describe('sandbox: users API', () => {
  let sb: VonageSandbox;
  let pairA: Pair;
  let pairB: Pair;
  let appA: Application;
  let appB: Application;

  before(async () => {
    pairA = keyPair();
    pairB = keyPair();
    sb = await startSandbox();
  });
  after(() => sb.stop());
  beforeEach(() => {
    sb.reset();
    [appA] = sb.seedApplications(1, pairA.publicKey, 'A');
    [appB] = sb.seedApplications(1, pairB.publicKey, 'B');
  });

  const tokenA = () => adminToken(appA.id, pairA.privateKey);
  const users = (method: string, path: string, body?: unknown, token = tokenA()) => call(sb.url, method, path, { headers: bearer(token), body });

  function assertInvalidToken(r: { status: number; json: any }, why: string) {
    assert.equal(r.status, 401, why);
    assert.equal(r.json.code, 'system:error:invalid-token', why);
    assert.equal(r.json.title, 'Unauthorized.');
    assert.match(r.json.type, /system:error:invalid-token$/);
    assert.ok(r.json.detail && r.json.instance);
  }

  describe('JWT verification', () => {
    it('accepts an admin token signed with the application key', async () => {
      assert.equal((await users('GET', '/v1/users')).status, 200);
    });
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => string][] = [
      ['a token signed with the wrong key', () => adminToken(appA.id, pairB.privateKey)],
      ['an expired token', () => adminToken(appA.id, pairA.privateKey, { iat: now() - 3600, exp: now() - 10 })],
      ['another application\'s id with this key', () => adminToken(appB.id, pairA.privateKey)],
      ['an unknown application id', () => adminToken(crypto.randomUUID(), pairA.privateKey)],
      ['a token without application_id', () => jwt.sign({ iat: now(), exp: now() + 60, jti: 'x' }, pairA.privateKey, { algorithm: 'RS256' })],
      ['an HS256 token', () => jwt.sign({ application_id: appA.id, exp: now() + 60 }, 'secret', { algorithm: 'HS256' })],
      ['a token living longer than 24 hours', () => adminToken(appA.id, pairA.privateKey, {}, 86400 + 60)],
      ['a token without exp issued over 15 minutes ago', () => jwt.sign({ application_id: appA.id, iat: now() - 1000 }, pairA.privateKey, { algorithm: 'RS256' })],
      ['garbage', () => 'not-a-jwt'],
      ['a payload that is not JSON', () => `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('not json').toString('base64url')}.c2ln`],
      ['a tampered payload', () => { const [h, , s] = tokenA().split('.'); return `${h}.${Buffer.from(JSON.stringify({ application_id: appA.id, exp: now() + 60 })).toString('base64url')}.${s}`; }],
    ];
    for (const [name, make] of cases) {
      it(`rejects ${name} with 401 system:error:invalid-token`, async () => {
        assertInvalidToken(await users('GET', '/v1/users', undefined, make()), name);
      });
    }
    it('rejects a missing header and Basic auth', async () => {
      assertInvalidToken(await call(sb.url, 'GET', '/v1/users'), 'missing');
      assertInvalidToken(await call(sb.url, 'POST', '/v1/users', { body: { name: 'x' }, headers: { Authorization: 'Basic eDp5' } }), 'basic');
      assert.deepEqual(sb.users(appA.id), []);
    });
    it('accepts a token without exp issued just now (the platform applies 15 minutes)', async () => {
      const t = jwt.sign({ application_id: appA.id, iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID() }, pairA.privateKey, { algorithm: 'RS256' });
      assert.equal((await users('GET', '/v1/users', undefined, t)).status, 200);
    });
  });

  describe('CRUD', () => {
    it('creates, gets, updates (PATCH) and deletes a user', async () => {
      const c = await users('POST', '/v1/users', { name: 'alice', display_name: 'Alice' });
      assert.equal(c.status, 201);
      assert.match(c.json.id, /^USR-[0-9a-f-]{36}$/);
      assert.equal(c.json.name, 'alice');
      assert.equal(c.json.display_name, 'Alice');
      assert.equal(c.json._links.self.href, `${sb.url}/v1/users/${c.json.id}`);

      const g = await users('GET', `/v1/users/${c.json.id}`);
      assert.equal(g.status, 200);
      assert.equal(g.json.name, 'alice');

      const u = await users('PATCH', `/v1/users/${c.json.id}`, { display_name: 'Alice B.' });
      assert.equal(u.status, 200);
      assert.equal(u.json.name, 'alice', 'PATCH keeps what it is not given');
      assert.equal(u.json.display_name, 'Alice B.');
      assert.equal(sb.users(appA.id)[0].display_name, 'Alice B.');

      const d = await users('DELETE', `/v1/users/${c.json.id}`);
      assert.equal(d.status, 204);
      assert.equal(d.text, '');
      assert.equal((await users('GET', `/v1/users/${c.json.id}`)).status, 404);
    });

    it('answers 409 user:error:duplicate-name on create and on a rename', async () => {
      await users('POST', '/v1/users', { name: 'alice' });
      const bob = (await users('POST', '/v1/users', { name: 'bob' })).json;
      for (const r of [await users('POST', '/v1/users', { name: 'alice' }), await users('PATCH', `/v1/users/${bob.id}`, { name: 'alice' })]) {
        assert.equal(r.status, 409);
        assert.equal(r.json.code, 'user:error:duplicate-name');
        assert.equal(r.json.title, 'Conflict.');
      }
      assert.equal((await users('PATCH', `/v1/users/${bob.id}`, { name: 'bob' })).status, 200, 'renaming to its own name is fine');
      assert.equal(sb.users(appA.id).length, 2);
    });

    it('answers 404 user:error:not-found for GET, PATCH and DELETE of an unknown id', async () => {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const r = await users(method, '/v1/users/USR-nope', method === 'PATCH' ? { display_name: 'x' } : undefined);
        assert.equal(r.status, 404, method);
        assert.equal(r.json.code, 'user:error:not-found');
        assert.equal(r.json.title, 'Not found.');
      }
    });

    it('answers 400 http:error:validation-fail with invalid_parameters', async () => {
      for (const body of [{ name: 42 }, { name: '' }, { display_name: 7 }, { image_url: 'not a url' }]) {
        const r = await users('POST', '/v1/users', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.json.code, 'http:error:validation-fail');
        assert.equal(r.json.invalid_parameters.length, 1);
        assert.equal(r.json.invalid_parameters[0].name, Object.keys(body)[0]);
      }
      assert.equal((await users('POST', '/v1/users', '[1,2')).status, 400);
    });

    it('generates a name when none is given', async () => {
      const r = await users('POST', '/v1/users', {});
      assert.equal(r.status, 201);
      assert.match(r.json.name, /^NAM-/);
    });

    it('scopes users to their application', async () => {
      const a = (await users('POST', '/v1/users', { name: 'shared-name' })).json;
      const tokenB = adminToken(appB.id, pairB.privateKey);
      assert.equal((await users('POST', '/v1/users', { name: 'shared-name' }, tokenB)).status, 201, 'names are unique per application only');
      assert.equal((await users('GET', `/v1/users/${a.id}`, undefined, tokenB)).status, 404, 'B cannot see A\'s user');
      assert.equal((await users('DELETE', `/v1/users/${a.id}`, undefined, tokenB)).status, 404);
      const listB = await users('GET', '/v1/users', undefined, tokenB);
      assert.equal(listB.json._embedded.users.length, 1);
      assert.notEqual(listB.json._embedded.users[0].id, a.id);
    });
  });

  describe('cursor pagination', () => {
    const cursorOf = (href: string) => new URL(href).searchParams.get('cursor')!;

    it('walks every user once by following _links.next, then prev goes back', async () => {
      const seeded = sb.seedUsers(appA.id, 25);
      const r1 = await users('GET', '/v1/users?page_size=10');
      assert.equal(r1.status, 200);
      assert.equal(r1.json.page_size, 10);
      assert.equal(r1.json._links.first.href, `${sb.url}/v1/users?order=asc&page_size=10`);
      assert.equal(r1.json._links.self.href, r1.json._links.first.href);
      assert.equal(r1.json._links.prev, undefined);
      const page1 = r1.json._embedded.users;
      assert.deepEqual(Object.keys(page1[0]).sort(), ['_links', 'display_name', 'id', 'name'], 'list items are user_lite');
      const r2 = await users('GET', `/v1/users?page_size=10&cursor=${encodeURIComponent(cursorOf(r1.json._links.next.href))}`);
      const r3 = await users('GET', `/v1/users?page_size=10&cursor=${encodeURIComponent(cursorOf(r2.json._links.next.href))}`);
      assert.equal(r3.json._embedded.users.length, 5);
      assert.equal(r3.json._links.next, undefined, 'no next on the last page');
      const walked = [...page1, ...r2.json._embedded.users, ...r3.json._embedded.users].map((u: { id: string }) => u.id);
      assert.deepEqual(walked, seeded.map((u) => u.id), 'in creation order, each once');
      const back = await users('GET', `/v1/users?page_size=10&cursor=${encodeURIComponent(cursorOf(r3.json._links.prev.href))}`);
      assert.deepEqual(back.json._embedded.users.map((u: { id: string }) => u.id), r2.json._embedded.users.map((u: { id: string }) => u.id));
    });

    it('the next href itself is enough to fetch the next page', async () => {
      sb.seedUsers(appA.id, 3);
      const r1 = await users('GET', '/v1/users?page_size=2&order=desc');
      const next = new URL(r1.json._links.next.href);
      const r2 = await users('GET', `${next.pathname}${next.search}`);
      assert.deepEqual(r2.json._embedded.users.map((u: { name: string }) => u.name), ['user-1']);
    });

    it('orders desc and filters by name', async () => {
      sb.seedUsers(appA.id, 5);
      const desc = await users('GET', '/v1/users?order=DESC');
      assert.deepEqual(desc.json._embedded.users.map((u: { name: string }) => u.name), ['user-5', 'user-4', 'user-3', 'user-2', 'user-1']);
      const one = await users('GET', '/v1/users?name=user-3');
      assert.deepEqual(one.json._embedded.users.map((u: { name: string }) => u.name), ['user-3']);
    });

    it('the cursor is opaque and bound to its application', async () => {
      sb.seedUsers(appA.id, 3);
      sb.seedUsers(appB.id, 3);
      const r1 = await users('GET', '/v1/users?page_size=1');
      const cursor = cursorOf(r1.json._links.next.href);
      assert.doesNotMatch(cursor, /user-|USR-/);
      const r = await users('GET', `/v1/users?cursor=${encodeURIComponent(cursor)}`, undefined, adminToken(appB.id, pairB.privateKey));
      assert.equal(r.status, 400);
      assert.equal(r.json.invalid_parameters[0].name, 'cursor');
    });

    for (const [query, name] of [['page_size=0', 'page_size'], ['page_size=101', 'page_size'], ['page_size=x', 'page_size'], ['order=up', 'order'], ['cursor=garbage', 'cursor']]) {
      it(`rejects ${query} with 400 http:error:validation-fail naming ${name}`, async () => {
        const r = await users('GET', `/v1/users?${query}`);
        assert.equal(r.status, 400);
        assert.equal(r.json.code, 'http:error:validation-fail');
        assert.equal(r.json.invalid_parameters[0].name, name);
      });
    }
  });
});
