// The .env editor on a table of files. Every result is parsed with dotenv's own parser and must hold
// exactly the intended values with every other key unchanged; the result is compared byte for byte
// with the expected text, and every line of the original outside the changed lines must be in the
// result unchanged and in order.
import * as assert from 'node:assert/strict';
import { parse } from 'dotenv';
import { ENV_COMMENT, EnvEditError, setEnvValues } from '../../../src/vonage/dotenv/envEditor';
import { encodeEnvValue } from '../../../src/vonage/dotenv/envValue';
import { findAssignments } from '../../../src/vonage/dotenv/envAssignments';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const APP = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';

interface Row {
  name: string;
  input: string;
  set: [string, string][];
  expected: string;
  /** 1-based lines of the input that the edit replaces (the rest must survive byte for byte). */
  changedLines: number[];
  /** What the result reports per key. */
  actions?: Record<string, string>;
  duplicates?: Record<string, number[]>;
}

const ROWS: Row[] = [
  {
    name: 'a new (empty) file: the keys under one comment line, with a final newline',
    input: '',
    set: [['VONAGE_APPLICATION_ID', APP], ['VONAGE_PRIVATE_KEY', 'private.key']],
    expected: `${ENV_COMMENT}\nVONAGE_APPLICATION_ID=${APP}\nVONAGE_PRIVATE_KEY=private.key\n`,
    changedLines: [],
    actions: { VONAGE_APPLICATION_ID: 'appended', VONAGE_PRIVATE_KEY: 'appended' },
  },
  {
    name: 'comments and blank lines stay; new keys go after one blank line',
    input: '# my app\n\nPORT=3000 # the port\n',
    set: [['VONAGE_JWT', JWT]],
    expected: `# my app\n\nPORT=3000 # the port\n\n${ENV_COMMENT}\nVONAGE_JWT=${JWT}\n`,
    changedLines: [],
  },
  {
    name: 'an `export ` line is updated in place, its prefix and inline comment kept',
    input: '# token\nexport VONAGE_JWT=old-token # renew daily\nOTHER=1\n',
    set: [['VONAGE_JWT', JWT]],
    expected: `# token\nexport VONAGE_JWT=${JWT} # renew daily\nOTHER=1\n`,
    changedLines: [2],
    actions: { VONAGE_JWT: 'updated' },
  },
  {
    name: 'a double-quoted value stays double-quoted',
    input: 'A="x"\nVONAGE_JWT="old"\n',
    set: [['VONAGE_JWT', JWT]],
    expected: `A="x"\nVONAGE_JWT="${JWT}"\n`,
    changedLines: [2],
  },
  {
    name: 'single quotes and backticks stay too',
    input: "VONAGE_APPLICATION_ID='old'\nVONAGE_JWT=`old`\n",
    set: [['VONAGE_APPLICATION_ID', APP], ['VONAGE_JWT', JWT]],
    expected: `VONAGE_APPLICATION_ID='${APP}'\nVONAGE_JWT=\`${JWT}\`\n`,
    changedLines: [1, 2],
  },
  {
    name: '`KEY: value` lines are dotenv assignments too',
    input: 'VONAGE_JWT: old\n',
    set: [['VONAGE_JWT', JWT]],
    expected: `VONAGE_JWT: ${JWT}\n`,
    changedLines: [1],
  },
  {
    name: 'a multi-line (PEM) value of another key is left exactly as it is',
    input: 'KEY_TEXT="-----BEGIN X-----\nAAAA\nBBBB\n-----END X-----"\nVONAGE_JWT=old\n',
    set: [['VONAGE_JWT', JWT]],
    expected: `KEY_TEXT="-----BEGIN X-----\nAAAA\nBBBB\n-----END X-----"\nVONAGE_JWT=${JWT}\n`,
    changedLines: [5],
  },
  {
    name: 'a multi-line value that is replaced becomes one line; the lines around it stay',
    input: 'A=1\nVONAGE_PRIVATE_KEY="-----BEGIN X-----\nAAAA\n-----END X-----"\nB=2\n',
    set: [['VONAGE_PRIVATE_KEY', 'private.key']],
    expected: 'A=1\nVONAGE_PRIVATE_KEY="private.key"\nB=2\n',
    changedLines: [2, 3, 4],
  },
  {
    name: 'CRLF stays CRLF, in the changed line and in the appended ones',
    input: '# c\r\nVONAGE_JWT=old\r\nB=2\r\n',
    set: [['VONAGE_JWT', JWT], ['VONAGE_APPLICATION_ID', APP]],
    expected: `# c\r\nVONAGE_JWT=${JWT}\r\nB=2\r\n\r\n${ENV_COMMENT}\r\nVONAGE_APPLICATION_ID=${APP}\r\n`,
    changedLines: [2],
  },
  {
    name: 'a multi-line value written into a CRLF file uses CRLF inside its quotes',
    input: 'A=1\r\n',
    set: [['PEM_TEXT', 'line one\nline two']],
    expected: `A=1\r\n\r\n${ENV_COMMENT}\r\nPEM_TEXT='line one\r\nline two'\r\n`,
    changedLines: [],
  },
  {
    name: 'duplicate keys: the last (the one dotenv reads) is updated, the first left alone and reported',
    input: 'VONAGE_JWT=first\nX=1\nVONAGE_JWT=second\n',
    set: [['VONAGE_JWT', JWT]],
    expected: `VONAGE_JWT=first\nX=1\nVONAGE_JWT=${JWT}\n`,
    changedLines: [3],
    duplicates: { VONAGE_JWT: [1] },
  },
  {
    name: 'no final newline: still none after appending',
    input: 'A=1',
    set: [['VONAGE_JWT', JWT]],
    expected: `A=1\n\n${ENV_COMMENT}\nVONAGE_JWT=${JWT}`,
    changedLines: [],
  },
  {
    name: 'no final newline: still none after an update in place',
    input: 'A=1\nVONAGE_JWT=old',
    set: [['VONAGE_JWT', JWT]],
    expected: `A=1\nVONAGE_JWT=${JWT}`,
    changedLines: [2],
  },
  {
    name: 'an empty value is filled in; `KEY=   # note` keeps its note',
    input: 'VONAGE_JWT=\nVONAGE_APPLICATION_ID=   # from the dashboard\n',
    set: [['VONAGE_JWT', JWT], ['VONAGE_APPLICATION_ID', APP]],
    expected: `VONAGE_JWT=${JWT}\nVONAGE_APPLICATION_ID=${APP}   # from the dashboard\n`,
    changedLines: [1, 2],
  },
  {
    name: 'values are quoted only when dotenv needs it: a # or blanks at the ends',
    input: '',
    set: [['PLAIN', 'keys/private key.pem'], ['HASH', 'a#b'], ['BLANKS', ' x ']],
    expected: `${ENV_COMMENT}\nPLAIN=keys/private key.pem\nHASH='a#b'\nBLANKS=' x '\n`,
    changedLines: [],
  },
  {
    name: 'a value that is already right: nothing changes, not even a byte',
    input: `# keep\nVONAGE_JWT=${JWT}`,
    set: [['VONAGE_JWT', JWT]],
    expected: `# keep\nVONAGE_JWT=${JWT}`,
    changedLines: [],
    actions: { VONAGE_JWT: 'unchanged' },
  },
  {
    name: 'our comment is added once: a later run appends under it without a second one',
    input: `${ENV_COMMENT}\nVONAGE_APPLICATION_ID=${APP}\n`,
    set: [['VONAGE_JWT', JWT]],
    expected: `${ENV_COMMENT}\nVONAGE_APPLICATION_ID=${APP}\nVONAGE_JWT=${JWT}\n`,
    changedLines: [],
  },
];

/** The input's lines (with their line ends) that are not in `changed`, in order, must all be in the result in order. */
function assertUntouchedOutside(input: string, result: string, changed: number[]): void {
  const lines = input.split(/(?<=\n)/);
  let from = 0;
  lines.forEach((line, i) => {
    if (changed.includes(i + 1)) return;
    const at = result.indexOf(line, from);
    assert.ok(at >= from, `line ${i + 1} of the input (${JSON.stringify(line)}) is not in the result unchanged and in order`);
    from = at + line.length;
  });
}

describe('core: .env editor', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const { text, changes } = setEnvValues(row.input, row.set);
      assert.equal(text, row.expected);
      const expectedValues = { ...parse(row.input), ...Object.fromEntries(row.set) };
      assert.deepEqual(parse(text), expectedValues, 'dotenv reads exactly the intended values, every other key unchanged');
      assertUntouchedOutside(row.input, text, row.changedLines);
      for (const [key, action] of Object.entries(row.actions ?? {})) assert.equal(changes.find((c) => c.key === key)?.action, action, key);
      for (const [key, lines] of Object.entries(row.duplicates ?? {})) assert.deepEqual(changes.find((c) => c.key === key)?.duplicateLines, lines, key);
    });
  }

  it('reports the 1-based line of each key in the new text', () => {
    const { text, changes } = setEnvValues('A=1\nVONAGE_JWT=old\n', [['VONAGE_JWT', JWT], ['VONAGE_APPLICATION_ID', APP]]);
    const lines = text.split('\n');
    for (const c of changes) assert.match(lines[c.line - 1], new RegExp(`^${c.key}=`));
  });

  describe('refuses, with one sentence, and returns nothing to write', () => {
    const refuses = (input: string, set: [string, string][], message: RegExp) => {
      assert.throws(() => setEnvValues(input, set, '.env'), (e: unknown) => e instanceof EnvEditError && message.test(e.message));
    };

    it('the value to change opens a quote that is never closed', () => {
      refuses('A=1\nVONAGE_JWT="old\n', [['VONAGE_JWT', JWT]],
        /^dotenv cannot read the value of VONAGE_JWT on line 2 of \.env: its opening quote \("\) is not closed at the end of the value\. Fix that line and try again; nothing was written\.$/);
    });

    it('the key\'s line sits inside another key\'s quoted value (an unclosed quote above it)', () => {
      refuses('A="abc\nVONAGE_JWT=old\nB=x"\n', [['VONAGE_JWT', JWT]],
        /^Line 2 of \.env sets VONAGE_JWT, but dotenv reads that line as part of the quoted value of A that starts on line 1 \(a quote that is never closed\?\)\. Fix the quotes there and try again; nothing was written\.$/);
    });

    it('a name that cannot be a variable', () => {
      refuses('', [['1BAD-NAME', 'x']], /^"1BAD-NAME" cannot be a variable name: use letters, digits and underscores, not starting with a digit \(e\.g\. VONAGE_JWT\)\.$/);
    });
  });

  describe('encodeEnvValue: the raw text dotenv reads back exactly', () => {
    const table: [string, string][] = [
      [JWT, JWT],
      ['', ''],
      ['with # hash', "'with # hash'"],
      ["it's", "it's"],
      ['both \' and "', 'both \' and "'],
      ['back\\slash', 'back\\slash'],
      ['keys\\private.key', 'keys\\private.key'],
      ['"opens with a quote', '\'"opens with a quote\''],
      ['two\nlines', "'two\nlines'"],
    ];
    for (const [value, raw] of table) {
      it(`${JSON.stringify(value)} -> ${raw}`, () => {
        assert.equal(encodeEnvValue(value), raw);
        assert.equal(parse(`K=${raw}`).K, value);
      });
    }
    it('a value opening with a quote is never written bare: a quote on a later line would close it and swallow the lines between', () => {
      const raw = encodeEnvValue('"x')!;
      assert.deepEqual(parse(`KEY=${raw}\nNEXT="y"\n`), { KEY: '"x', NEXT: 'y' });
    });
    it('a value no quoting can hold is refused (undefined), not written wrongly', () => {
      assert.equal(encodeEnvValue('all \' " ` quotes\nand a line break'), undefined);
    });
  });

  describe('findAssignments: positions as dotenv reads the file', () => {
    it('keys, lines and raw value spans, in CRLF text too', () => {
      const text = 'export A="1"\r\n# c\r\nB: two # note\r\nC=\r\n';
      const found = findAssignments(text).map((a) => [a.key, a.line, text.slice(a.valueStart, a.valueEnd)]);
      assert.deepEqual(found, [['A', 0, '"1"'], ['B', 2, 'two '], ['C', 3, '']]);
    });
  });
});
