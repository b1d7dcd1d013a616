// Reading each tunnel program's URL from what it prints: cloudflared's boxed stderr line (and not the other
// https URLs it prints), ngrok v3's "starting web service" line and local API answer, devtunnel's current
// and older lines; lines split across chunks.
import * as assert from 'node:assert/strict';
import { CloudflaredOutput, LineSplitter, devtunnelUrl, ngrokApiAddress, ngrokPublicUrl } from '../../../src/vonage/webhooks/tunnelOutput';

describe('core: tunnel programs\' output', () => {
  it('cloudflared: the URL in the box after "created!"; the disclaimer\'s and an error\'s https URLs are not it', () => {
    const out = new CloudflaredOutput();
    const lines = [
      '2026-05-01T10:00:00Z INF Thank you for trying Cloudflare Tunnel. … Terms of Use (https://www.cloudflare.com/website-terms/), … https://developers.cloudflare.com/cloudflare-one/connections/connect-apps',
      '2026-05-01T10:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...',
      '2026-05-01T10:00:01Z ERR failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: i/o timeout',
      '2026-05-01T10:00:02Z INF +--------------------------------------------------------------------------------------------+',
      '2026-05-01T10:00:02Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
    ];
    for (const l of lines) assert.equal(out.line(l), undefined, l);
    assert.equal(out.line('2026-05-01T10:00:02Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |'), 'https://seasonal-deck-organisms-sf.trycloudflare.com');
    assert.equal(new CloudflaredOutput().line('|  https://before-the-box.trycloudflare.com  |'), undefined, 'not before the announcement');
  });

  it('ngrok: the API address from the logfmt (or JSON) line; the https tunnel to our port from /api/tunnels', () => {
    assert.equal(ngrokApiAddress('t=2023-05-30T09:06:27+0000 lvl=info msg="starting web service" obj=web addr=127.0.0.1:4041 allow_hosts=[]'), '127.0.0.1:4041');
    assert.equal(ngrokApiAddress('{"addr":"127.0.0.1:4040","lvl":"info","msg":"starting web service","obj":"web"}'), '127.0.0.1:4040');
    assert.equal(ngrokApiAddress('t=… lvl=info msg="started tunnel" obj=tunnels addr=http://localhost:80 url=https://x.ngrok-free.app'), undefined);
    const answer = {
      tunnels: [
        { public_url: 'https://other.ngrok-free.app', proto: 'https', config: { addr: 'http://localhost:9999' } },
        { public_url: 'http://plain.ngrok-free.app', proto: 'http', config: { addr: 'http://127.0.0.1:3000' } },
        { public_url: 'https://ours.ngrok-free.app', proto: 'https', config: { addr: 'http://127.0.0.1:3000', inspect: true } },
      ],
      uri: '/api/tunnels',
    };
    assert.equal(ngrokPublicUrl(answer, 3000), 'https://ours.ngrok-free.app');
    assert.equal(ngrokPublicUrl({ tunnels: [] }, 3000), undefined, 'not up yet');
    assert.equal(ngrokPublicUrl({ tunnels: [{ public_url: 'https://a.ngrok.app', config: { addr: 'localhost:3000' } }] }, 3000), 'https://a.ngrok.app');
  });

  it('devtunnel: "Connect via browser:", and the older "Hosting port … at …" line; never the inspect URL', () => {
    assert.equal(devtunnelUrl('Hosting port: 3000', 3000), undefined);
    assert.equal(devtunnelUrl('Connect via browser: https://abc123-3000.euw.devtunnels.ms', 3000), 'https://abc123-3000.euw.devtunnels.ms');
    assert.equal(devtunnelUrl('Inspect network activity: https://abc123-3000-inspect.euw.devtunnels.ms', 3000), undefined);
    assert.equal(devtunnelUrl('Hosting port 8765 at https://demo.usw2.devtunnels.ms:8765/, https://demo-8765.usw2.devtunnels.ms/ and inspect it at https://demo-8765-inspect.usw2.devtunnels.ms/', 8765), 'https://demo-8765.usw2.devtunnels.ms');
    assert.equal(devtunnelUrl('Connect via browser: https://abc123-3000.euw.devtunnels.ms', 3001), undefined, 'another port');
  });

  it('lines arrive in chunks that end anywhere, even mid-URL', () => {
    const split = new LineSplitter();
    assert.deepEqual(split.push('Connect via browser: https://abc12'), []);
    assert.deepEqual(split.push('3-3000.euw.devtunnels.ms\r\nReady'), ['Connect via browser: https://abc123-3000.euw.devtunnels.ms']);
    assert.deepEqual(split.end(), ['Ready']);
  });
});
