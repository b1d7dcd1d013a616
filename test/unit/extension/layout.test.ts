// The house rules of the layout (CONTRIBUTING.md, ARCHITECTURE.md), checked on the sources so a new
// import that breaks them fails here, with the file and the import named:
// - src/vonage (the core) imports nothing of the extension;
// - ui/, credentials/, workspace/ and tree/ never import a feature;
// - no module is part of an import circle (imports that load code; `import type` loads nothing);
// - activation (src/extension.ts, src/activation/) loads nothing else: the features are the other bundle;
// - the unit tier imports nothing of the integration tier;
// - the token endpoint's core is in one place, src/vonage/endpoint/.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

interface Import { from: string; to: string; typeOnly: boolean }

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: Import[] = [];
  const statement = /^(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']*)'/gm;
  for (const m of text.matchAll(statement)) {
    const to = resolveImport(file, m[3]);
    if (to) out.push({ from: file, to, typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/import\(\s*'(\.[^']*)'\s*\)/g)) {
    const to = resolveImport(file, m[1]);
    if (to) out.push({ from: file, to, typeOnly: true }); // a lazy import() loads on use, not at load: no circle at load time
  }
  return out;
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');
const room = (f: string) => rel(f).split('/')[0];

describe('layout: the rules of src/', () => {
  const files = sourceFiles(SRC);
  const imports = files.flatMap(importsOf);

  it('finds the sources and their imports (the checks below would pass on nothing)', () => {
    assert.ok(files.length > 50, `only ${files.length} files under ${SRC}`);
    assert.ok(imports.length > 100, `only ${imports.length} relative imports`);
  });

  it('the core (src/vonage) imports nothing of the extension', () => {
    const bad = imports.filter((i) => room(i.from) === 'vonage' && room(i.to) !== 'vonage');
    assert.deepEqual(bad.map((i) => `${rel(i.from)} -> ${rel(i.to)}`), []);
  });

  it('ui/, credentials/, workspace/ and tree/ never import a feature', () => {
    const shared = new Set(['ui', 'credentials', 'workspace', 'tree']);
    const bad = imports.filter((i) => shared.has(room(i.from)) && room(i.to) === 'features');
    assert.deepEqual(bad.map((i) => `${rel(i.from)} -> ${rel(i.to)}`), []);
  });

  it('activation (src/extension.ts, src/activation/) loads only src/activation/: the rest is dist/main.js, loaded after', () => {
    const isActivation = (f: string) => rel(f) === 'extension.ts' || room(f) === 'activation';
    const bad = imports.filter((i) => isActivation(i.from) && !i.typeOnly && !isActivation(i.to));
    assert.deepEqual(bad.map((i) => `${rel(i.from)} -> ${rel(i.to)}`), []);
  });

  it('no module is part of an import circle', () => {
    const graph = new Map<string, string[]>();
    for (const i of imports) if (!i.typeOnly) graph.set(i.from, [...graph.get(i.from) ?? [], i.to]);
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(circles, []);
  });

  it('the token endpoint\'s core (its generator, the call to a running one, the verdict) is in src/vonage/endpoint/', () => {
    const astray = files.filter((f) => room(f) === 'vonage' && /endpoint/i.test(path.basename(f)) && !rel(f).startsWith('vonage/endpoint/'));
    assert.deepEqual(astray.map(rel), []);
  });
});

describe('layout: the test tiers', () => {
  const TEST = path.resolve(SRC, '..', 'test');

  it('the unit tier imports nothing of the integration tier (what both use lives in test/support)', () => {
    const imports = sourceFiles(path.join(TEST, 'unit')).flatMap(importsOf);
    assert.ok(imports.some((i) => i.to.startsWith(path.join(TEST, 'support') + path.sep)), 'the check sees the unit tier\'s imports');
    const bad = imports.filter((i) => i.to.startsWith(path.join(TEST, 'integration') + path.sep));
    assert.deepEqual(bad.map((i) => `${path.relative(TEST, i.from)} -> ${path.relative(TEST, i.to)}`), []);
  });
});
