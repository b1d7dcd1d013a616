// Which addresses Vonage can reach: loopback hosts, and what VS Code's asExternalUri gives in each kind of
// remote window (a localhost forward, a Codespaces address, code-server's proxy) said plainly.
import * as assert from 'node:assert/strict';
import { isLoopbackHost, privacyOf } from '../../../src/vonage/webhooks/reach';

describe('core: a URL Vonage can reach', () => {
  it('loopback hosts: localhost (and *.localhost, a trailing dot), 127.0.0.0/8, ::1 (also IPv4-mapped)', () => {
    for (const h of ['localhost', 'LOCALHOST', 'localhost.', 'api.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['api.nexmo.com', '10.0.0.5', 'localhost.example.com', '128.0.0.1', '::2']) assert.ok(!isLoopbackHost(h), h);
  });

  it('asExternalUri\'s answers: a localhost forward, Codespaces, code-server\'s proxy are private; a public host is not', () => {
    assert.equal(privacyOf('http://localhost:51234', 51234, 'ssh-remote'), 'is a localhost address on your own computer, which Vonage cannot reach.');
    assert.match(privacyOf('https://curly-space-xyz-4000.app.github.dev/', 4000, 'codespaces') ?? '', /^is private to you \(GitHub asks for your sign-in\), so Vonage cannot reach it\. Make the port public \(gh codespace ports visibility 4000:public -c \$CODESPACE_NAME\)/);
    assert.equal(privacyOf('https://code.example.com/proxy/4000/', 4000, undefined), 'goes through code-server\'s proxy, behind its login, so Vonage cannot reach it.');
    assert.equal(privacyOf('https://code.example.com/absproxy/4000/', 4000, undefined), 'goes through code-server\'s proxy, behind its login, so Vonage cannot reach it.');
    assert.equal(privacyOf('https://my-tunnel.example.com', 4000, 'ssh-remote'), undefined);
  });
});
