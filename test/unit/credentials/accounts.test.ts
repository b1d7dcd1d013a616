// The accounts of a host as stored: reading back what was written (and nothing broken), labels unique per host.
import * as assert from 'node:assert/strict';
import { accountDisplay, accountLabelProblem, parseAccounts } from '../../../src/credentials/accounts';

describe('credentials: accounts of a host', () => {
  it('parses a record; the active key must name a stored account, else the first one is active', () => {
    const text = JSON.stringify({ active: 'k2', accounts: [{ label: 'Personal', apiKey: 'k1', apiSecret: 's1' }, { label: 'Client', apiKey: 'k2', apiSecret: 's2' }] });
    assert.deepEqual(parseAccounts(text).active, 'k2');
    assert.equal(parseAccounts(text.replace('"active":"k2"', '"active":"gone"')).active, 'k1');
  });

  it('leaves out what cannot be used (no key, no secret, a repeated key) and labels an account by its key when it has no label', () => {
    const text = JSON.stringify({ accounts: [{ apiKey: 'k1', apiSecret: 's1' }, { apiKey: 'k1', apiSecret: 'other' }, { apiKey: '', apiSecret: 'x' }, { apiKey: 'k3' }, null] });
    assert.deepEqual(parseAccounts(text), { active: 'k1', accounts: [{ label: 'k1', apiKey: 'k1', apiSecret: 's1' }] });
    assert.deepEqual(parseAccounts('not json'), { active: undefined, accounts: [] });
    assert.deepEqual(parseAccounts(undefined), { active: undefined, accounts: [] });
  });

  it('a label already used by another account of the host is refused, ignoring case; the same account may keep its own', () => {
    const accounts = [{ label: 'Personal', apiKey: 'k1', active: true }, { label: 'Client X', apiKey: 'k2', active: false }];
    assert.equal(accountLabelProblem(accounts, ' client x ', 'k1'), 'The label "client x" is already used by the account with API key k2. Choose another label.');
    assert.equal(accountLabelProblem(accounts, 'Client X', 'k2'), undefined);
    assert.equal(accountLabelProblem(accounts, 'Work', 'k3'), undefined);
    assert.equal(accountLabelProblem(accounts, '  ', 'k3'), 'Enter a label for this account, e.g. Personal or Client X.');
    assert.equal(accountLabelProblem(accounts, 'x'.repeat(41), 'k3'), 'The label is 41 characters long; keep it to 40.');
  });

  it('shows label and key, or the key alone when it is its own label', () => {
    assert.equal(accountDisplay({ label: 'Personal', apiKey: 'a1b2' }), 'Personal (a1b2)');
    assert.equal(accountDisplay({ label: 'a1b2', apiKey: 'a1b2' }), 'a1b2');
  });
});
