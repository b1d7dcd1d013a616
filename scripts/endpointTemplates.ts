// `npm run templates`: derives the JavaScript templates of the token endpoint from the TypeScript ones, so a
// JavaScript project gets the same code without types. media/templates/endpoint/ts/ is the source (compiled
// and linted as what it generates by the integration tier); js-esm/ and js-cjs/ are written from it here,
// and test/unit/core/endpointPlan.test.ts ("the JavaScript templates are derived from the TypeScript ones") checks they are current.
//
// TypeScript's own transpiler strips the types; its printer's layout (four-space indents, no blank lines,
// `}\ncatch`, braceless `if` bodies on their own line) is put back to the source's. CommonJS is the ES
// module form with its imports as require() and its exports gathered in one `module.exports = { … }`
// (a shorthand object, which Node's ES module loader can read named exports from).
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const TEMPLATES = path.resolve(__dirname, '..', 'media', 'templates', 'endpoint');
const SOURCE = path.join(TEMPLATES, 'ts');
const BLANK = '//@@blank@@';

/** Every TypeScript template, relative to ts/ with / separators. */
function sources(dir = SOURCE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [path.relative(SOURCE, full).split(path.sep).join('/')] : [];
  });
}

/** Four-space indents back to two; the odd space of a JSDoc continuation line stays. */
function halveIndent(line: string): string {
  return line.replace(/^ +/, (spaces) => ' '.repeat((spaces.length - (spaces.length % 4)) / 2 + (spaces.length % 4)));
}

/** `}` and `catch`/`else`/`finally` on one line again, and braceless bodies back beside their `if`. */
function rejoin(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    const indent = (s: string) => /^ */.exec(s)![0].length;
    if (previous !== undefined && /^\s*(catch|else|finally)\b/.test(line) && /^\s*}$/.test(previous)) {
      out[out.length - 1] = `${previous} ${line.trim()}`;
    } else if (previous !== undefined && /^\s*(if|else if|for|while) \(.*\)$|^\s*(} )?else$/.test(previous) && indent(line) === indent(previous) + 2 && !/^\s*[{}]/.test(line)) {
      out[out.length - 1] = `${previous} ${line.trim()}`;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** A TypeScript module as JavaScript (an ES module), laid out as its source. */
export function toJavaScript(source: string): string {
  const marked = source.split('\n').map((l) => (l.trim() === '' ? BLANK : l)).join('\n');
  const { outputText } = ts.transpileModule(marked, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, removeComments: false },
  });
  const lines = rejoin(outputText.split('\n').map((l) => (l.trim() === BLANK ? '' : halveIndent(l))));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** One `import … from '…';` as the require() that gives the same bindings. */
function requireOf(clause: string, specifier: string): string {
  const named = /^\{(.*)\}$/.exec(clause.trim());
  if (named) {
    const bindings = named[1].split(',').map((b) => b.trim()).filter(Boolean).map((b) => b.replace(/\s+as\s+/, ': '));
    return `const { ${bindings.join(', ')} } = require('${specifier}');`;
  }
  return `const ${clause.trim().replace(/^\*\s+as\s+/, '')} = require('${specifier}');`;
}

/** An ES module (as toJavaScript writes them) as CommonJS: require() for imports, one module.exports. */
export function toCommonJs(esm: string): string {
  const exported: string[] = [];
  const body = esm
    .replace(/^import (.+) from '([^']+)';$/gm, (_m, clause: string, specifier: string) => requireOf(clause, specifier))
    .replace(/^export (async function|function|const|class) (\w+)/gm, (_m, kind: string, name: string) => {
      exported.push(name);
      return `${kind} ${name}`;
    });
  if (/^\s*(import|export)\b/m.test(body)) throw new Error(`an import or export toCommonJs does not know:\n${/^\s*(import|export)\b.*$/m.exec(body)![0]}`);
  const header = /^(\/\/.*\n)*/.exec(body)![0];
  const exports = exported.length ? `\nmodule.exports = { ${exported.join(', ')} };\n` : '';
  return `${header}'use strict';\n${body.slice(header.length)}${exports}`;
}

/** Every derived template: path under media/templates/endpoint/ → its text. */
export function derivedTemplates(): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of sources()) {
    const esm = toJavaScript(fs.readFileSync(path.join(SOURCE, rel), 'utf8'));
    out.set(`js-esm/${rel.replace(/\.ts$/, '.js')}`, esm);
    if (!rel.startsWith('next/') && rel !== 'node/token-server.ts') out.set(`js-cjs/${rel.replace(/\.ts$/, '.js')}`, toCommonJs(esm)); // Next compiles ES modules whatever the package type; token-server is always .mjs
  }
  return out;
}

if (require.main === module) {
  for (const dir of ['js-esm', 'js-cjs']) fs.rmSync(path.join(TEMPLATES, dir), { recursive: true, force: true });
  for (const [rel, text] of derivedTemplates()) {
    fs.mkdirSync(path.dirname(path.join(TEMPLATES, rel)), { recursive: true });
    fs.writeFileSync(path.join(TEMPLATES, rel), text);
  }
  console.log(`Wrote the JavaScript templates under ${path.relative(process.cwd(), TEMPLATES)}/js-esm and js-cjs.`);
}
