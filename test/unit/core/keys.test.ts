import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import { KeyPair, VonageInputError, generateKeyPair, parsePrivateKey, privateKeyMatches, publicKeyFromPrivateKey, samePublicKey } from '../../../src/vonage';
import { testKeys } from './helpers';

function body(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

function rejectsWith(text: string, why: RegExp) {
  assert.throws(() => parsePrivateKey(text), (e: unknown) => {
    assert.ok(e instanceof VonageInputError, String(e));
    assert.match(e.message, why);
    assert.equal(e.field, 'privateKey');
    const b = body(text);
    if (b.length > 40) assert.ok(!e.message.includes(b.slice(0, 40)), 'the message never quotes the key');
    return true;
  });
}

describe('core: keys', () => {
  let a: KeyPair;
  let b: KeyPair;
  before(async () => ([a, b] = await testKeys()));

  it('generateKeyPair makes an RSA-2048 pair as PKCS#8 and SPKI PEM, asynchronously', async () => {
    const p = generateKeyPair();
    assert.ok(p instanceof Promise);
    const pair = await p;
    assert.match(pair.privateKey, /^-{5}BEGIN PRIVATE KEY-{5}\n/);
    assert.match(pair.publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
    const key = crypto.createPrivateKey(pair.privateKey);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(privateKeyMatches(pair.privateKey, pair.publicKey));
  });

  it('parsePrivateKey returns the PKCS#8 PEM and a usable KeyObject', () => {
    const { pem, key } = parsePrivateKey(a.privateKey);
    assert.equal(pem, a.privateKey);
    assert.equal(key.type, 'private');
    const sig = crypto.sign('sha256', Buffer.from('x'), key);
    assert.ok(crypto.verify('sha256', Buffer.from('x'), a.publicKey, sig));
  });

  it('accepts CRLF line endings and normalises them', () => {
    assert.equal(parsePrivateKey(a.privateKey.replace(/\n/g, '\r\n')).pem, a.privateKey);
  });

  it('accepts a key pasted without its line breaks (spaces or nothing between lines) and re-wraps it', () => {
    const oneLine = a.privateKey.trim().replace(/\n/g, ' ');
    assert.equal(parsePrivateKey(oneLine).pem, a.privateKey);
    const glued = a.privateKey.replace(/\n/g, '');
    assert.equal(parsePrivateKey(glued).pem, a.privateKey);
  });

  it('accepts a key copied out of JSON or an env file with literal \\n', () => {
    assert.equal(parsePrivateKey(a.privateKey.replace(/\n/g, '\\n')).pem, a.privateKey);
  });

  it('accepts surrounding text and indentation', () => {
    assert.equal(parsePrivateKey(`Private key:\n${a.privateKey.replace(/^/gm, '    ')}\n`).pem, a.privateKey);
  });

  it('accepts a PKCS#1 "RSA PRIVATE KEY" and returns it as PKCS#8', () => {
    const pkcs1 = crypto.createPrivateKey(a.privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
    assert.match(pkcs1, /BEGIN RSA PRIVATE KEY/);
    assert.equal(parsePrivateKey(pkcs1).pem, a.privateKey);
  });

  it('rejects an empty key', () => {
    rejectsWith('', /empty/);
    rejectsWith(' \n\t', /empty/);
  });

  it('rejects a public key given as the private key, saying so', () => {
    rejectsWith(a.publicKey, /This is a public key.*cannot sign/);
    const rsaPublic = crypto.createPublicKey(a.publicKey).export({ type: 'pkcs1', format: 'pem' }) as string;
    rejectsWith(rsaPublic, /This is a public key/);
  });

  it('rejects an encrypted PKCS#8 key, saying how to decrypt it', () => {
    const enc = crypto.createPrivateKey(a.privateKey).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    assert.match(enc, /ENCRYPTED PRIVATE KEY/);
    rejectsWith(enc, /encrypted with a passphrase.*openssl/);
  });

  it('rejects a legacy encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED)', () => {
    const enc = crypto.createPrivateKey(a.privateKey).export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    assert.match(enc, /Proc-Type: 4,ENCRYPTED/);
    rejectsWith(enc, /encrypted with a passphrase/);
    rejectsWith(enc.replace(/\n/g, ' '), /encrypted with a passphrase/);
  });

  it('rejects garbage as "not a PEM private key"', () => {
    rejectsWith('hello world', /not a PEM private key/);
    rejectsWith('{"private_key": 42}', /not a PEM private key/);
  });

  it('rejects a key whose END line is missing as cut short', () => {
    rejectsWith(a.privateKey.split('\n').slice(0, 10).join('\n'), /cut short/);
  });

  it('rejects a damaged key body (lines missing) and stray characters', () => {
    const lines = a.privateKey.trim().split('\n');
    rejectsWith([...lines.slice(0, 5), ...lines.slice(8)].join('\n'), /damaged or incomplete/);
    rejectsWith(a.privateKey.replace(/(\n.{10})/, '$1*'), /characters that do not belong/);
  });

  it('rejects an OpenSSH-format key with the conversion command', () => {
    rejectsWith('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----', /OpenSSH-format.*ssh-keygen/);
  });

  it('rejects a non-RSA (EC) key: Vonage signs RS256', () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    rejectsWith(ec, /EC key.*RSA/);
  });

  it("privateKeyMatches tells whether the private key belongs to an application's public key", () => {
    assert.equal(privateKeyMatches(a.privateKey, a.publicKey), true);
    assert.equal(privateKeyMatches(a.privateKey, b.publicKey), false);
    assert.equal(privateKeyMatches(a.privateKey.replace(/\n/g, '\r\n'), a.publicKey.replace(/\n/g, '\r\n')), true);
    assert.throws(() => privateKeyMatches(a.privateKey, 'nope'), VonageInputError);
  });

  it('publicKeyFromPrivateKey derives the SPKI public key', () => {
    assert.equal(publicKeyFromPrivateKey(a.privateKey), a.publicKey);
  });

  it('samePublicKey matches one key however its PEM is wrapped, and no other key', () => {
    const crlf = a.publicKey.replace(/\n/g, '\r\n');
    const oneLine = `-----BEGIN PUBLIC KEY-----\n${body(a.publicKey)}\n-----END PUBLIC KEY-----`;
    assert.equal(samePublicKey(a.publicKey, crlf), true);
    assert.equal(samePublicKey(oneLine, `  ${a.publicKey}\n\n`), true);
    assert.equal(samePublicKey(a.publicKey, b.publicKey), false);
    assert.equal(samePublicKey(a.publicKey, undefined), false);
    assert.equal(samePublicKey('', ''), false);
    assert.equal(samePublicKey('garbage', 'garbage '), true, 'unparseable text falls back to comparing it without whitespace');
  });
});
