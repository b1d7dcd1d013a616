// The token scanner on tables of texts: where tokens sit in real files, and the look-alikes secret
// scanners learned to ignore. Tokens are built here (unsigned signatures are fine: the scanner never
// checks them).
import * as assert from 'node:assert/strict';
import { findJwts, isVonageClaims, rescanAfterChange, stringSource, tokenAt } from '../../../src/vonage';

const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');
const SIG = 'x'.repeat(342); // an RS256 signature's length: gitleaks' 200-character cap misses these
const claims = { application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', iat: 1700000000, jti: 'j1', exp: 1700086400, sub: 'alice' };
const TOKEN = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${SIG}`;
const OTHER = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'bob', iat: 1 })}.sig_-123`;

/** The token texts found in `text`. */
const found = (text: string) => findJwts(text).map((t) => text.slice(t.start, t.end));

describe('token scanner: where tokens sit', () => {
  const table: [string, string, string[]][] = [
    ['alone', TOKEN, [TOKEN]],
    ['double quotes in JS', `const token = "${TOKEN}";`, [TOKEN]],
    ['single quotes and backticks', `a('${TOKEN}'); b(\`${OTHER}\`)`, [TOKEN, OTHER]],
    ['after Bearer in an HTTP file', `GET https://api.example.com/v1/users\nAuthorization: Bearer ${TOKEN}\n`, [TOKEN]],
    ['a .env line', `VONAGE_JWT=${TOKEN}\nOTHER=1`, [TOKEN]],
    ['a quoted .env line with CRLF', `VONAGE_JWT="${TOKEN}"\r\nX=2\r\n`, [TOKEN]],
    ['JSON', JSON.stringify({ token: TOKEN, nested: { t: OTHER } }), [TOKEN, OTHER]],
    ['HTML attribute', `<vonage-client token="${TOKEN}"></vonage-client>`, [TOKEN]],
    ['Markdown inline code', `Use \`${TOKEN}\` to log in.`, [TOKEN]],
    ['URL query', `wss://ws.example.com/?token=${TOKEN}&v=2`, [TOKEN]],
    ['line breaks around', `\n\n${TOKEN}\n\n`, [TOKEN]],
    ['two on one line', `${TOKEN} ${OTHER}`, [TOKEN, OTHER]],
    ['padded segments', `${b64({ alg: 'RS256' })}==.${b64(claims)}=.${SIG}`, [`${b64({ alg: 'RS256' })}==.${b64(claims)}=.${SIG}`]],
    ['unsigned (alg none, empty signature)', `${b64({ alg: 'none' })}.${b64({ a: 1 })}.`, [`${b64({ alg: 'none' })}.${b64({ a: 1 })}.`]],
  ];
  for (const [name, text, want] of table) {
    it(name, () => assert.deepEqual(found(text), want));
  }

  it('reports offsets, the decoded header and claims', () => {
    const text = `x = "${TOKEN}"`;
    const [t] = findJwts(text);
    assert.equal(t.start, 5);
    assert.equal(t.end, 5 + TOKEN.length);
    assert.deepEqual(t.header, { alg: 'RS256', typ: 'JWT' });
    assert.deepEqual(t.claims, claims);
    assert.ok(isVonageClaims(t.claims));
    assert.ok(!isVonageClaims(findJwts(OTHER)[0].claims));
  });

  it('tokenAt finds the token under an offset, its end included', () => {
    const text = `a ${TOKEN} b ${OTHER}`;
    const tokens = findJwts(text);
    assert.equal(tokenAt(tokens, 1), undefined);
    assert.equal(tokenAt(tokens, 2), tokens[0]);
    assert.equal(tokenAt(tokens, 2 + TOKEN.length), tokens[0]);
    assert.equal(tokenAt(tokens, text.length - 1), tokens[1]);
  });
});

describe('token scanner: look-alikes it does not report', () => {
  const table: [string, string][] = [
    ['a base64 blob that merely contains eyJ', `data:image/png;base64,AAAA${TOKEN}AAAA`],
    ['eyJ glued to base64 before it', `QUJD${TOKEN}`],
    ['segments that do not decode to JSON', 'eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.abc'],
    ['a payload that is a JSON array, not an object', `${b64({ alg: 'RS256' })}.${b64([1, 2])}.sig`],
    ['a header without alg', `${b64({ typ: 'JWT' })}.${b64(claims)}.${SIG}`],
    ['a segment whose length mod 4 is 1', `${b64({ alg: 'RS256' })}.${b64(claims)}A.sig`],
    ['a JWE (five parts)', `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.${b64({ a: 1 })}.iv.cipher.tag`],
    ['two parts only', `${b64({ alg: 'RS256' })}.${b64(claims)}`],
    ['a truncated docs example', 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE…'],
    ['a truncated header', 'eyJhbGciOi….eyJpYXQiOjE.abc'],
    ['ordinary dotted code', 'exclude_editable=options.exclude_editable; a.b.c'],
    ['a PEM body line', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7eyJ.eyJ.x'],
  ];
  for (const [name, text] of table) {
    it(name, () => assert.deepEqual(found(text), []));
  }

  it('stays linear on 10 MB of base64 noise and on runs of eyJ', () => {
    for (const text of ['A'.repeat(10_000_000), 'eyJ'.repeat(3_000_000), 'eyJ.'.repeat(2_000_000), `${'eyJhbGc.'.repeat(1_000_000)}x`]) {
      const t0 = process.hrtime.bigint();
      assert.deepEqual(findJwts(text), []);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // Not a speed test (that is `npm run bench`): a quadratic scan would take minutes here, not seconds.
      assert.ok(ms < 20_000, `took ${ms} ms`);
    }
  });

  it('finds the tokens among 10 MB of noise', () => {
    const noise = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n'.repeat(1000);
    const text = `${noise}t1 = "${TOKEN}"\n${noise}${'A'.repeat(1_000_000)}\nBearer ${OTHER}\n`;
    assert.deepEqual(found(text), [TOKEN, OTHER]);
  });
});

describe('token scanner: rescan after an edit', () => {
  /** Applies the change to `text` and checks the incremental result equals a full scan of the new text. */
  const check = (text: string, offset: number, removed: number, inserted: string) => {
    const before = findJwts(text);
    const after = text.slice(0, offset) + inserted + text.slice(offset + removed);
    const got = rescanAfterChange(before, { offset, removedLength: removed, insertedLength: inserted.length }, stringSource(after));
    assert.deepEqual(got, findJwts(after), `edit at ${offset} (-${removed} +${JSON.stringify(inserted)})`);
    return got;
  };
  const text = `a\n"${TOKEN}"\nmiddle line\n${OTHER}\r\nend ${TOKEN}`;

  it('an edit on another line keeps the tokens and shifts those after it', () => {
    const at = text.indexOf('middle');
    assert.equal(check(text, at, 0, 'x').length, 3);
    assert.equal(check(text, at, 6, '').length, 3);
    assert.equal(check(text, 0, 1, 'a longer first line').length, 3);
  });

  it('an edit inside a token breaks it; typing it back restores it', () => {
    const at = text.indexOf(TOKEN) + 10;
    const broken = check(text, at, 1, '!');
    assert.equal(broken.length, 2);
    check(text.slice(0, at) + '!' + text.slice(at + 1), at, 1, TOKEN[10]);
  });

  it('appending to a token, joining and splitting lines, pasting a token', () => {
    check(text, text.indexOf(OTHER) + OTHER.length, 0, 'more');
    check(text, text.indexOf('\nmiddle'), 1, '');
    check(text, text.indexOf(TOKEN) + 5, 0, '\n');
    check(text, text.indexOf('middle'), 0, ` ${OTHER} `);
    check(text, 0, text.length, TOKEN);
    check('', 0, 0, `x ${TOKEN}`);
  });

  it('random edits agree with a full scan', () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const pieces = ['\n', '.', 'A', 'eyJ', ' ', '"', TOKEN.slice(0, 40), OTHER, TOKEN];
    let current = text;
    for (let k = 0; k < 300; k++) {
      const offset = rand(current.length + 1);
      const removed = Math.min(rand(8), current.length - offset);
      const inserted = pieces[rand(pieces.length)];
      check(current, offset, removed, inserted);
      current = current.slice(0, offset) + inserted + current.slice(offset + removed);
    }
  });
});
