import * as assert from 'node:assert/strict';
import { Application, ApplicationsClient, VonageApiError, VonageInputError } from '../../../src/vonage';
import { Call, client, json, scriptedFetch, testKeys } from './helpers';

const creds = { apiKey: 'k', apiSecret: 'secret' };

function app(i: number): Application {
  return { id: `app-${String(i).padStart(4, '0')}`, name: `App ${i}` };
}

/** A fake /v2/applications over `total` apps honouring page and page_size, with a per-request delay. */
function pagedApps(total: number, delayMs = 0) {
  let inFlight = 0;
  let maxInFlight = 0;
  const f = scriptedFetch(async (call: Call) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, delayMs));
    inFlight--;
    const q = new URL(call.url).searchParams;
    const size = Number(q.get('page_size'));
    const page = Number(q.get('page'));
    const apps = Array.from({ length: total }, (_, i) => app(i)).slice((page - 1) * size, page * size);
    return { status: 200, body: { page_size: size, page, total_items: total, total_pages: Math.ceil(total / size), _embedded: { applications: apps } } };
  });
  return { f, maxInFlight: () => maxInFlight };
}

describe('core: applications', () => {
  it('list fetches every page and keeps the API order', async () => {
    const { f } = pagedApps(250);
    const apps = await new ApplicationsClient(client(f).http, creds).list();
    assert.equal(apps.length, 250);
    assert.deepEqual(apps.map((a) => a.id), Array.from({ length: 250 }, (_, i) => app(i).id));
    assert.equal(f.calls.length, 3);
    assert.match(f.calls[0].url, /\/v2\/applications\?page_size=100&page=1$/);
  });

  it('list fetches pages 2..n concurrently, never more than the bound at once', async () => {
    const { f, maxInFlight } = pagedApps(1000, 15);
    const apps = await new ApplicationsClient(client(f).http, creds, { pageSize: 50, concurrency: 4 }).list();
    assert.equal(apps.length, 1000);
    assert.equal(f.calls.length, 20);
    assert.equal(maxInFlight(), 4);
  });

  it('list with the default bound fetches 1,000 applications in two round trips', async () => {
    const { f, maxInFlight } = pagedApps(1000, 20);
    const apps = await new ApplicationsClient(client(f).http, creds).list();
    assert.equal(apps.length, 1000);
    assert.equal(maxInFlight(), 9, 'after page 1, the other nine pages at once');
  });

  it('list of an empty account is one request and an empty array', async () => {
    const f = scriptedFetch(json(200, { page_size: 100, page: 1, total_items: 0, total_pages: 0, _embedded: { applications: [] } }));
    assert.deepEqual(await new ApplicationsClient(client(f).http, creds).list(), []);
    assert.equal(f.calls.length, 1);
  });

  it('list keeps each application once when pages shift under it', async () => {
    const f = scriptedFetch(
      json(200, { page_size: 2, page: 1, total_pages: 2, _embedded: { applications: [app(1), app(2)] } }),
      json(200, { page_size: 2, page: 2, total_pages: 2, _embedded: { applications: [app(2), app(3)] } }),
    );
    const apps = await new ApplicationsClient(client(f).http, creds, { pageSize: 2 }).list();
    assert.deepEqual(apps.map((a) => a.id), [app(1).id, app(2).id, app(3).id]);
  });

  it('list fails as a whole when a page fails (no silently missing applications)', async () => {
    const f = scriptedFetch(
      json(200, { page_size: 1, page: 1, total_pages: 3, _embedded: { applications: [app(1)] } }),
      json(401, { title: 'Unauthorized' }),
    );
    await assert.rejects(new ApplicationsClient(client(f).http, creds, { pageSize: 1 }).list(), (e: unknown) => e instanceof VonageApiError && e.kind === 'unauthorized');
  });

  it('create sends an RTC application with its event URL and method, and our public key', async () => {
    const f = scriptedFetch(json(201, { id: 'new', name: 'My App' }));
    const pub = '-----BEGIN PUBLIC KEY-----\r\nMIIBIjANBg\r\n-----END PUBLIC KEY-----\r\n';
    const out = await new ApplicationsClient(client(f).http, creds).create({ name: ' My App ', rtcEventUrl: 'https://example.com/rtc', rtcEventMethod: 'GET', publicKey: pub });
    assert.equal(out.id, 'new');
    assert.equal(f.calls[0].method, 'POST');
    assert.match(f.calls[0].url, /\/v2\/applications$/);
    assert.deepEqual(JSON.parse(f.calls[0].body!), {
      name: 'My App',
      capabilities: { rtc: { webhooks: { event_url: { address: 'https://example.com/rtc', http_method: 'GET' } } } },
      keys: { public_key: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----\n' },
    });
  });

  it('create without URLs or key sends a bare RTC capability (Vonage then returns the private key)', async () => {
    const f = scriptedFetch(json(201, { id: 'x', name: 'n', keys: { private_key: 'PEM' } }));
    const out = await new ApplicationsClient(client(f).http, creds).create({ name: 'n' });
    assert.equal(out.keys?.private_key, 'PEM');
    assert.deepEqual(JSON.parse(f.calls[0].body!), { name: 'n', capabilities: { rtc: {} } });
  });

  it('create adds the voice capability with answer (GET) and event (POST) URLs when given', async () => {
    const f = scriptedFetch(json(201, { id: 'x', name: 'n' }));
    await new ApplicationsClient(client(f).http, creds).create({ name: 'n', rtcEventUrl: 'https://e.com/rtc', voiceAnswerUrl: 'https://e.com/answer', voiceEventUrl: 'https://e.com/event' });
    assert.deepEqual(JSON.parse(f.calls[0].body!).capabilities, {
      rtc: { webhooks: { event_url: { address: 'https://e.com/rtc', http_method: 'POST' } } },
      voice: { webhooks: { answer_url: { address: 'https://e.com/answer', http_method: 'GET' }, event_url: { address: 'https://e.com/event', http_method: 'POST' } } },
    });
  });

  for (const [input, field] of [
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'n', rtcEventUrl: 'example.com/event' }, 'rtcEventUrl'],
    [{ name: 'n', rtcEventUrl: 'ftp://example.com/event' }, 'rtcEventUrl'],
    [{ name: 'n', voiceAnswerUrl: 'not a url' }, 'voiceAnswerUrl'],
  ] as const) {
    it(`create rejects ${JSON.stringify(input)} before sending anything (field ${field})`, async () => {
      const f = scriptedFetch(json(201, {}));
      await assert.rejects(
        new ApplicationsClient(client(f).http, creds).create(input),
        (e: unknown) => e instanceof VonageInputError && e.field === field,
      );
      assert.equal(f.calls.length, 0);
    });
  }

  it('create rejects a private key given as publicKey before sending anything (field publicKey)', async () => {
    const [{ privateKey }] = await testKeys();
    const f = scriptedFetch(json(201, {}));
    await assert.rejects(
      new ApplicationsClient(client(f).http, creds).create({ name: 'n', publicKey: privateKey }),
      (e: unknown) => e instanceof VonageInputError && e.field === 'publicKey',
    );
    assert.equal(f.calls.length, 0);
  });

  it('get, rename (GET then PUT) and delete address the application by its encoded id', async () => {
    const f = scriptedFetch(json(200, { id: 'a/b', name: 'x' }), json(200, { id: 'a/b', name: 'x' }), json(200, { id: 'a/b', name: 'y' }), { status: 204 });
    const c = new ApplicationsClient(client(f).http, creds);
    assert.equal((await c.get('a/b')).name, 'x');
    assert.equal((await c.rename('a/b', 'y')).name, 'y');
    assert.equal(await c.delete('a/b'), undefined);
    assert.deepEqual(f.calls.map((x) => [x.method, new URL(x.url).pathname]), [
      ['GET', '/v2/applications/a%2Fb'], ['GET', '/v2/applications/a%2Fb'], ['PUT', '/v2/applications/a%2Fb'], ['DELETE', '/v2/applications/a%2Fb'],
    ]);
    assert.equal(JSON.parse(f.calls[2].body!).name, 'y');
  });

  it('get with an empty id is an input error, not a request to the collection', async () => {
    const f = scriptedFetch(json(200, {}));
    await assert.rejects(new ApplicationsClient(client(f).http, creds).get(' '), VonageInputError);
    assert.equal(f.calls.length, 0);
  });

  it('verifyCredentials reads one application; a wrong secret is kind unauthorized', async () => {
    const f = scriptedFetch(json(200, { page_size: 1, page: 1, _embedded: { applications: [] } }), json(401, { title: 'Unauthorized' }));
    const c = new ApplicationsClient(client(f).http, creds);
    await c.verifyCredentials();
    assert.match(f.calls[0].url, /page_size=1&page=1/);
    assert.equal(f.calls[0].headers.Authorization, `Basic ${Buffer.from('k:secret').toString('base64')}`);
    await assert.rejects(c.verifyCredentials(), (e: unknown) => e instanceof VonageApiError && e.kind === 'unauthorized' && /API key or secret/.test(e.message));
  });
  describe('rename', () => {
    const full: Application = {
      id: 'app-1',
      name: 'Old name',
      keys: { public_key: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' },
      capabilities: {
        voice: {
          webhooks: {
            answer_url: { address: 'https://e.com/answer', http_method: 'POST', connection_timeout: 500, socket_timeout: 3000 },
            fallback_answer_url: { address: 'https://e.com/fallback', http_method: 'GET' },
            event_url: { address: 'https://e.com/event', http_method: 'POST' },
          },
          signed_callbacks: true, conversations_ttl: 48, region: 'eu-west',
        },
        rtc: { webhooks: { event_url: { address: 'https://e.com/rtc', http_method: 'GET' } }, signed_callbacks: true, leg_persistence_time: 7 },
        messages: { webhooks: { inbound_url: { address: 'https://e.com/in', http_method: 'POST' }, status_url: { address: 'https://e.com/st', http_method: 'POST' } }, version: 'v1' },
        vbc: {},
        verify: { webhooks: { status_url: { address: 'https://e.com/v', http_method: 'POST' } }, version: 'v2' },
      },
      privacy: { improve_ai: true },
      _links: { self: { href: '/v2/applications/app-1' } },
    };

    it('GETs the application fresh and PUTs it back unchanged except the name', async () => {
      const f = scriptedFetch(json(200, full), (call) => Promise.resolve({ status: 200, body: { ...JSON.parse(call.body!) as object, id: 'app-1' } }));
      const renamed = await new ApplicationsClient(client(f).http, creds).rename('app-1', '  New name ');
      assert.deepEqual(f.calls.map((c) => [c.method, new URL(c.url).pathname]), [['GET', '/v2/applications/app-1'], ['PUT', '/v2/applications/app-1']]);
      const sent = JSON.parse(f.calls[1].body!) as Record<string, unknown>;
      assert.deepEqual(sent, { name: 'New name', keys: { public_key: full.keys!.public_key }, capabilities: full.capabilities, privacy: { improve_ai: true } });
      assert.equal(renamed.name, 'New name');
    });

    it('never sends a private key, even if the GET carried one', async () => {
      const [{ privateKey }] = await testKeys();
      const f = scriptedFetch(json(200, { ...full, keys: { public_key: full.keys!.public_key, private_key: privateKey } }), json(200, full));
      await new ApplicationsClient(client(f).http, creds).rename('app-1', 'x');
      assert.ok(!f.calls[1].body!.includes('PRIVATE KEY'));
    });

    it('an application with no capabilities or keys: only the name goes back', async () => {
      const f = scriptedFetch(json(200, { id: 'a', name: 'bare' }), json(200, { id: 'a', name: 'y' }));
      await new ApplicationsClient(client(f).http, creds).rename('a', 'y');
      assert.deepEqual(JSON.parse(f.calls[1].body!), { name: 'y' });
    });

    it('an empty name is an input error before any request; a 404 on the GET sends no PUT', async () => {
      const f = scriptedFetch(json(404, { title: 'Not Found' }));
      const c = new ApplicationsClient(client(f).http, creds);
      await assert.rejects(c.rename('a', '  '), (e: unknown) => e instanceof VonageInputError && e.field === 'name');
      assert.equal(f.calls.length, 0);
      await assert.rejects(c.rename('a', 'y'), (e: unknown) => e instanceof VonageApiError && e.kind === 'notFound');
      assert.deepEqual(f.calls.map((c) => c.method), ['GET']);
    });
  });
});
