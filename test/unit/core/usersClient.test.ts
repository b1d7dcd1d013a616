import * as assert from 'node:assert/strict';
import { MAX_USER_NAME_LENGTH, UsersClient, VonageApiError, VonageInputError, parseCustomData, validateUserName } from '../../../src/vonage';
import { client, json, scriptedFetch } from './helpers';

function usersPage(names: string[], next?: string) {
  return json(200, {
    page_size: names.length,
    _embedded: { users: names.map((n) => ({ id: `USR-${n}`, name: n })) },
    _links: { first: { href: 'https://api.nexmo.com/v1/users' }, self: { href: 'https://api.nexmo.com/v1/users' }, ...(next ? { next: { href: next } } : {}) },
  });
}

describe('core: user names', () => {
  it('accepts ordinary names', () => {
    for (const n of ['alice', 'Alice Smith', 'user_1-x.y@example.com', 'ü', 'a'.repeat(MAX_USER_NAME_LENGTH)]) {
      assert.equal(validateUserName(n), undefined, n);
    }
  });
  for (const [name, why] of [
    ['', /Enter a user name/],
    ['   ', /only spaces/],
    [' alice', /start or end with a space/],
    ['alice\t', /start or end with a space/],
    ['al\nice', /control characters/],
    ['a'.repeat(MAX_USER_NAME_LENGTH + 1), new RegExp(`${MAX_USER_NAME_LENGTH + 1} characters long; the most is ${MAX_USER_NAME_LENGTH}`)],
  ] as const) {
    it(`rejects ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…` : name)} and says why`, () => {
      assert.match(validateUserName(name) ?? '', why);
    });
  }
});

describe('core: users', () => {
  it('every call carries a fresh admin token from the callback', async () => {
    let n = 0;
    const f = scriptedFetch(usersPage(['a']), usersPage(['b']));
    const users = new UsersClient(client(f).http, () => `tok${++n}`);
    await users.listPage();
    await users.listPage();
    assert.deepEqual(f.calls.map((c) => c.headers.Authorization), ['Bearer tok1', 'Bearer tok2']);
  });

  it('listPage returns one page and the cursor read from _links.next.href', async () => {
    const f = scriptedFetch(usersPage(['a', 'b'], 'https://api.nexmo.com/v1/users?order=asc&page_size=2&cursor=abc%3D%3D'));
    const page = await new UsersClient(client(f).http, () => 't').listPage({ pageSize: 2 });
    assert.deepEqual(page.users.map((u) => u.name), ['a', 'b']);
    assert.equal(page.nextCursor, 'abc==');
    assert.match(f.calls[0].url, /\/v1\/users\?page_size=2$/);
  });

  it('listPage sends the cursor back and has no nextCursor on the last page', async () => {
    const f = scriptedFetch(usersPage(['c']));
    const page = await new UsersClient(client(f).http, () => 't').listPage({ cursor: 'abc==' });
    assert.equal(page.nextCursor, undefined);
    assert.match(f.calls[0].url, /page_size=100&cursor=abc%3D%3D$/);
  });

  it('listAll follows the cursors to the end', async () => {
    const f = scriptedFetch(usersPage(['a'], '/v1/users?cursor=c1'), usersPage(['b'], '/v1/users?cursor=c2'), usersPage(['c']));
    const all = await new UsersClient(client(f).http, () => 't').listAll();
    assert.deepEqual(all.map((u) => u.name), ['a', 'b', 'c']);
    assert.deepEqual(f.calls.map((c) => new URL(c.url).searchParams.get('cursor')), [null, 'c1', 'c2']);
  });

  it('listAll stops when the API hands back a cursor it already gave (no endless loop)', async () => {
    const f = scriptedFetch(usersPage(['a'], '/v1/users?cursor=same'));
    const all = await new UsersClient(client(f).http, () => 't').listAll();
    assert.equal(f.calls.length, 2);
    assert.equal(all.length, 2);
  });

  it('create posts name and display_name', async () => {
    const f = scriptedFetch(json(201, { id: 'USR-1', name: 'alice', display_name: 'Alice' }));
    const u = await new UsersClient(client(f).http, () => 't').create({ name: 'alice', displayName: 'Alice' });
    assert.equal(u.id, 'USR-1');
    assert.equal(f.calls[0].method, 'POST');
    assert.deepEqual(JSON.parse(f.calls[0].body!), { name: 'alice', display_name: 'Alice' });
  });

  it('create with a bad name fails before any request', async () => {
    const f = scriptedFetch(json(201, {}));
    await assert.rejects(new UsersClient(client(f).http, () => 't').create({ name: ' bob ' }), (e: unknown) => e instanceof VonageInputError && e.field === 'name');
    assert.equal(f.calls.length, 0);
  });

  it('a 409 duplicate name becomes kind conflict with "The name "X" is taken: …"', async () => {
    const dup = json(409, { title: 'Conflict.', code: 'user:error:duplicate-name', detail: 'The request failed because the user name already exists.' });
    const f = scriptedFetch(dup);
    const e = await new UsersClient(client(f).http, () => 't').create({ name: 'alice' }).then(() => assert.fail('expected 409'), (x: unknown) => x);
    assert.ok(e instanceof VonageApiError);
    assert.equal(e.kind, 'conflict');
    assert.equal(e.status, 409);
    assert.equal(e.code, 'user:error:duplicate-name');
    assert.equal(e.message, 'The name "alice" is taken: a user with that name already exists in this application. Pick another name.');
    assert.equal(f.calls.length, 1, 'a POST is never retried');
  });

  it('update PATCHes only the given fields; a rename onto a taken name is the same conflict', async () => {
    const f = scriptedFetch(json(200, { id: 'USR-1', name: 'alice', display_name: 'Al' }), json(409, { code: 'user:error:duplicate-name' }));
    const users = new UsersClient(client(f).http, () => 't');
    await users.update('USR-1', { displayName: 'Al' });
    assert.equal(f.calls[0].method, 'PATCH');
    assert.match(f.calls[0].url, /\/v1\/users\/USR-1$/);
    assert.deepEqual(JSON.parse(f.calls[0].body!), { display_name: 'Al' });
    await assert.rejects(users.update('USR-1', { name: 'bob' }), (e: unknown) => e instanceof VonageApiError && e.kind === 'conflict' && /^The name "bob" is taken: /.test(e.message));
  });

  it('update sends image_url and properties.custom_data, and only what is given', async () => {
    const f = scriptedFetch(json(200, { id: 'USR-1', name: 'alice' }));
    const users = new UsersClient(client(f).http, () => 't');
    await users.update('USR-1', { imageUrl: ' https://example.com/a.png ', customData: { team: 'blue', level: 3 } });
    assert.deepEqual(JSON.parse(f.calls[0].body!), { image_url: 'https://example.com/a.png', properties: { custom_data: { team: 'blue', level: 3 } } });
  });

  const refusedUpdates: [string, Record<string, unknown>, RegExp][] = [
    ['an image URL without scheme', { imageUrl: 'example.com/a.png' }, /^The image URL "example\.com\/a\.png" is not a URL\. Enter a full address such as https:\/\/example\.com\/avatars\/alice\.png\.$/],
    ['custom data that is an array', { customData: [1, 2] }, /^Custom data must be a JSON object such as \{"team": "blue"\}, not an array\.$/],
    ['custom data that is text', { customData: 'blue' }, /^Custom data must be a JSON object such as \{"team": "blue"\}, not a string\.$/],
    ['nothing at all', {}, /^Nothing to change: give a display name, image URL or custom data\.$/],
  ];
  for (const [what, changes, message] of refusedUpdates) {
    it(`update refuses ${what} before sending`, async () => {
      const f = scriptedFetch(json(200, {}));
      await assert.rejects(new UsersClient(client(f).http, () => 't').update('USR-1', changes), (e: unknown) => e instanceof VonageInputError && message.test(e.message));
      assert.equal(f.calls.length, 0);
    });
  }

  it('parseCustomData: an object from JSON text; not JSON or not an object is said plainly', () => {
    assert.deepEqual(parseCustomData(' {"a": [1]} '), { a: [1] });
    assert.deepEqual(parseCustomData('  '), {});
    assert.throws(() => parseCustomData('{a: 1}'), (e: unknown) => e instanceof VonageInputError && /^Custom data is not valid JSON \(.+\)\. Write an object such as \{"team": "blue"\}\.$/.test(e.message));
    assert.throws(() => parseCustomData('null'), /not null\.$/);
  });

  it('findByName uses the API\'s name filter and returns the exact match', async () => {
    const f = scriptedFetch(usersPage(['bob']), usersPage([]));
    const users = new UsersClient(client(f).http, () => 't');
    assert.equal((await users.findByName('bob'))?.id, 'USR-bob');
    assert.match(f.calls[0].url, /\/v1\/users\?page_size=100&name=bob$/);
    assert.equal(await users.findByName('nobody'), undefined);
    await assert.rejects(users.findByName(' bad'), VonageInputError);
  });

  it('get and delete address the user; a missing user is kind notFound', async () => {
    const f = scriptedFetch(json(200, { id: 'USR-1', name: 'a' }), { status: 204 }, json(404, { code: 'user:error:not-found', detail: 'User does not exist, or you do not have access.' }));
    const users = new UsersClient(client(f).http, () => 't');
    assert.equal((await users.get('USR-1')).name, 'a');
    assert.equal(await users.delete('USR-1'), undefined);
    assert.equal(f.calls[1].method, 'DELETE');
    await assert.rejects(users.get('USR-2'), (e: unknown) => e instanceof VonageApiError && e.kind === 'notFound');
  });

  it('an invalid admin token is kind unauthorized pointing at the private key', async () => {
    const f = scriptedFetch(json(401, { code: 'system:error:invalid-token', detail: 'You did not provide a valid token.' }));
    await assert.rejects(new UsersClient(client(f).http, () => 't').listPage(), (e: unknown) => e instanceof VonageApiError && e.kind === 'unauthorized' && /private key/.test(e.message));
  });
});
