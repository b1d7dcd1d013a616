// The token endpoint's files: which template becomes which file for each framework, language, module
// style and runner; every template rendered for every project parses as what it claims to be, its imports
// point at the files' final names, and the route, lifetime, variable names and runner are the project's.
// The JavaScript templates are derived from the TypeScript ones (npm run templates) and must be current.
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as jsonwebtoken from 'jsonwebtoken';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as vm from 'vm';
import { CLIENT_SDK_ACL } from '../../../src/vonage';
import {
  FRAMEWORKS, mountHint, planEndpoint, projectProfile, renderEndpointFile, routeProblem,
  type EndpointSettings, type Framework, type PlannedFile, type ProjectProfile,
} from '../../../src/vonage/endpoint';
import { TEMPLATES, derivedTemplates, toCommonJs, toJavaScript } from '../../../scripts/endpointTemplates';

const SETTINGS: EndpointSettings = { route: '/api/vonage/token', ttlSeconds: 3600, applicationIdVariable: 'VONAGE_APPLICATION_ID', privateKeyVariable: 'VONAGE_PRIVATE_KEY' };
const template = (rel: string) => fs.readFileSync(path.join(TEMPLATES, rel), 'utf8');
const targets = (files: PlannedFile[]) => Object.fromEntries(files.map((f) => [f.role, f.target]));

function profileOf(framework: Framework, over: Partial<ProjectProfile> = {}): ProjectProfile {
  const python = framework === 'fastapi' || framework === 'flask';
  return { ...projectProfile({ folders: new Set(), ...(python ? { requirements: framework } : { packageJson: '{}' }) }, framework), ...over };
}

function render(profile: ProjectProfile, settings = SETTINGS, files = planEndpoint(profile, settings.route)): Map<string, string> {
  return new Map(files.map((f) => [f.target, renderEndpointFile(template(f.template), f, files, profile, settings)]));
}

/** Syntax errors of a file as TypeScript/JavaScript parses it (types are the generated projects' tsc's business). */
function syntaxErrors(file: string, text: string): string[] {
  const kind = file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind) as ts.SourceFile & { parseDiagnostics: ts.Diagnostic[] };
  return source.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('endpoint: the files of each framework', () => {
  it('Express in JavaScript (CommonJS): core, sign-in, test kit, route and its test in vonage/', () => {
    assert.deepEqual(targets(planEndpoint(profileOf('express'), SETTINGS.route)), {
      core: 'vonage/vonageToken.js', auth: 'vonage/vonageAuth.js', kit: 'vonage/vonageTokenTestKit.js', route: 'vonage/vonageTokenRoute.js', test: 'vonage/vonageTokenRoute.test.js',
    });
  });

  it('Vitest in a CommonJS project: the test and its kit are ES modules (.mjs): Vitest cannot be require()d', () => {
    const plan = planEndpoint(profileOf('fastify', { testRunner: 'vitest', moduleDir: 'src/vonage' }), SETTINGS.route);
    assert.deepEqual(plan.filter((f) => f.target.endsWith('.mjs')).map((f) => `${f.template} -> ${f.target}`), [
      'js-esm/vonageTokenTestKit.js -> src/vonage/vonageTokenTestKit.mjs',
      'js-esm/fastify/vonageTokenRoute.test.js -> src/vonage/vonageTokenRoute.test.mjs',
    ]);
  });

  it('plain Node: the listener, and token-server.mjs at the folder\'s root (TypeScript: token-server.ts beside the sources)', () => {
    assert.equal(targets(planEndpoint(profileOf('node', { module: 'esm' }), SETTINGS.route)).server, 'token-server.mjs');
    assert.equal(targets(planEndpoint(profileOf('node', { language: 'ts', moduleDir: 'src/vonage' }), SETTINGS.route)).server, 'src/token-server.ts');
  });

  it('Next.js: the route file where the App Router finds the route, the handler and its test in lib/vonage', () => {
    const plan = targets(planEndpoint(profileOf('next', { language: 'ts', appDir: 'src/app', moduleDir: 'src/lib/vonage' }), '/v1/vonage-token'));
    assert.equal(plan.server, 'src/app/v1/vonage-token/route.ts');
    assert.equal(plan.route, 'src/lib/vonage/vonageTokenHandler.ts');
  });

  it('FastAPI and Flask: modules beside the app, the test as pytest finds it', () => {
    assert.deepEqual(targets(planEndpoint(profileOf('flask'), SETTINGS.route)), {
      core: 'vonage_token.py', auth: 'vonage_auth.py', kit: 'vonage_token_testkit.py', route: 'vonage_token_route.py', test: 'test_vonage_token_route.py',
    });
  });

  it('how the app serves the route, per framework: what to add, and the file to open for it', () => {
    const mount = (profile: ProjectProfile, route = SETTINGS.route) => mountHint(profile, planEndpoint(profile, route), route);
    assert.deepEqual(mount(profileOf('express')), { file: 'vonage/vonageTokenRoute.js', sentence: 'Mount it in your app: app.use(vonageTokenRouter()), from vonage/vonageTokenRoute.js.' });
    assert.deepEqual(mount(profileOf('fastify', { language: 'ts', moduleDir: 'src/vonage' })), { file: 'src/vonage/vonageTokenRoute.ts', sentence: 'Register it in your app: registerVonageTokenRoute(app), from src/vonage/vonageTokenRoute.ts.' });
    assert.deepEqual(mount(profileOf('next', { language: 'ts', appDir: 'app', moduleDir: 'lib/vonage' }), '/v1/token'), { file: 'app/v1/token/route.ts', sentence: 'Next.js serves it at /v1/token from app/v1/token/route.ts: nothing to mount.' });
    assert.deepEqual(mount(profileOf('node', { module: 'esm' })), { file: 'token-server.mjs', sentence: 'Run it: node --env-file=.env token-server.mjs (or serve vonageTokenListener() from your own server).' });
    assert.deepEqual(mount(profileOf('node', { language: 'ts', moduleDir: 'src/vonage' })), { file: 'src/token-server.ts', sentence: 'Run it: compile src/token-server.ts and run it with node --env-file=.env (or serve vonageTokenListener() from your own server).' });
    assert.deepEqual(mount(profileOf('fastapi')), { file: 'vonage_token_route.py', sentence: 'Include it in your app: app.include_router(vonage_token_router()), from vonage_token_route.py.' });
    assert.deepEqual(mount(profileOf('flask')), { file: 'vonage_token_route.py', sentence: 'Register it in your app: app.register_blueprint(vonage_token_blueprint()), from vonage_token_route.py.' });
  });

  it('a route is a safe path: letters, digits and - _ . ~ between single slashes', () => {
    assert.equal(routeProblem('/api/vonage/token'), undefined);
    for (const bad of ['api/token', '/api//token', '/api/token/', '/api/../token', '/api/[id]', '/api/to ken', "/api/t'oken"]) assert.ok(routeProblem(bad), bad);
  });
});

describe('endpoint: every template rendered for every kind of project', () => {
  const variants: [string, ProjectProfile][] = [];
  for (const framework of FRAMEWORKS) {
    if (framework === 'fastapi' || framework === 'flask') { variants.push([framework, profileOf(framework)]); continue; }
    for (const language of ['ts', 'js'] as const) {
      for (const module of framework === 'next' ? ['esm' as const] : ['esm' as const, 'cjs' as const]) {
        for (const testRunner of ['node:test', 'vitest', 'jest'] as const) {
          variants.push([`${framework} ${language} ${module} ${testRunner}`, profileOf(framework, { language, module, testRunner })]);
        }
      }
    }
  }

  for (const [name, profile] of variants) {
    it(`${name}: parses, imports the endpoint's own files by their names, and holds no placeholder of the templates`, () => {
      const files = render(profile);
      for (const [file, text] of files) {
        if (!file.endsWith('.py')) assert.deepEqual(syntaxErrors(file, text), [], file);
        const own = [...text.matchAll(/(?:from |require\()'(\.{1,2}\/[^']+)'/g)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])));
        for (const spec of own) {
          const exists = [...files.keys()].some((f) => f === spec || f.replace(/\.[^.]+$/, '') === spec || f.replace(/\.ts$/, '.js') === spec);
          assert.ok(exists, `${file} imports ${spec}, which is not one of ${[...files.keys()].join(', ')}`);
        }
        if (profile.testRunner !== 'node:test') assert.doesNotMatch(text, /'node:test'/, file);
      }
    });
  }
});

describe('endpoint: what a project chose, in the rendered files', () => {
  it('the route, the lifetime and the variable names (vonage.env.names) everywhere they appear', () => {
    const files = render(profileOf('node', { module: 'esm' }), { route: '/auth/vonage', ttlSeconds: 900, applicationIdVariable: 'APP_ID', privateKeyVariable: 'APP_KEY' });
    const all = [...files.values()].join('\n');
    assert.doesNotMatch(all, /\/api\/vonage\/token|VONAGE_APPLICATION_ID|VONAGE_PRIVATE_KEY/);
    assert.match(files.get('vonage/vonageToken.js')!, /^export const TOKEN_LIFETIME_SECONDS = 900;$/m);
    assert.match(files.get('vonage/vonageToken.js')!, /^const PRIVATE_KEY_PATH_VARIABLE = 'APP_KEY_PATH';$/m);
    assert.match(files.get('vonage/vonageTokenListener.js')!, /^export const VONAGE_TOKEN_ROUTE = '\/auth\/vonage';$/m);
  });

  it('the runner\'s describe and it: node:test, vitest, or @jest/globals (ES module and CommonJS)', () => {
    const kit = (p: ProjectProfile) => render(p).get(planEndpoint(p, SETTINGS.route).find((f) => f.role === 'kit')!.target)!;
    assert.match(kit(profileOf('express', { module: 'esm', testRunner: 'vitest' })), /^import \{ describe, it \} from 'vitest';$/m);
    assert.match(kit(profileOf('express', { testRunner: 'jest' })), /^const \{ describe, it \} = require\('@jest\/globals'\);$/m);
    assert.match(kit(profileOf('express', { language: 'ts' })), /^import \{ describe, it \} from 'node:test';$/m);
  });

  it('the request type of each framework in the sign-in placeholder; none for Next.js (the Fetch API\'s Request)', () => {
    const auth = (f: Framework) => render(profileOf(f, { language: 'ts' })).get(planEndpoint(profileOf(f, { language: 'ts' }), SETTINGS.route).find((p) => p.role === 'auth')!.target)!;
    assert.match(auth('fastify'), /^import type \{ FastifyRequest as Request \} from 'fastify';$/m);
    assert.match(auth('node'), /^import type \{ IncomingMessage as Request \} from 'node:http';$/m);
    assert.doesNotMatch(auth('next'), /^import /m);
    assert.match(render(profileOf('flask')).get('vonage_auth.py')!, /^from flask import Request$/m);
  });

  it('a file written under another name (the existing one kept) is imported by that name', () => {
    const profile = profileOf('express', { module: 'esm' });
    const files = planEndpoint(profile, SETTINGS.route).map((f) => (f.role === 'core' ? { ...f, target: 'vonage/vonageToken2.js' } : f));
    assert.match(render(profile, SETTINGS, files).get('vonage/vonageTokenRoute.js')!, /from '\.\/vonageToken2\.js';$/m);
    const python = planEndpoint(profileOf('fastapi'), SETTINGS.route).map((f) => (f.role === 'core' ? { ...f, target: 'vonage_token_2.py' } : f));
    assert.match(render(profileOf('fastapi'), SETTINGS, python).get('vonage_token_route.py')!, /^from vonage_token_2 import /m);
  });

  it('Next.js imports without extension, across from the route file to lib/', () => {
    const profile = profileOf('next', { language: 'ts' });
    const route = render(profile).get('app/api/vonage/token/route.ts')!;
    assert.match(route, /^import \{ vonageTokenHandler \} from '\.\.\/\.\.\/\.\.\/\.\.\/lib\/vonage\/vonageTokenHandler';$/m);
  });

  it('a CommonJS TypeScript project without esModuleInterop imports packages as namespaces', () => {
    const files = render(profileOf('express', { language: 'ts', namespaceImports: true }));
    assert.match(files.get('vonage/vonageToken.ts')!, /^import \* as jwt from 'jsonwebtoken';$/m);
    assert.match(files.get('vonage/vonageTokenRoute.test.ts')!, /^import \* as express from 'express';$/m);
  });

  it('the CommonJS core runs in Node: it exports what the others require, and its tokens verify', async () => {
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(render(profileOf('express')).get('vonage/vonageToken.js')!, { module, exports: module.exports, require, process, console });
    const core = module.exports as { CLIENT_SDK_ACL: unknown; answerTokenRequest: (r: unknown, o: object) => Promise<{ status: number; body: { token: string } }> };
    assert.equal(JSON.stringify(core.CLIENT_SDK_ACL), JSON.stringify(CLIENT_SDK_ACL), 'the ACL the extension signs user tokens with'); // another realm: compared as JSON
    assert.deepEqual(Object.keys(core).sort(), ['CLIENT_SDK_ACL', 'TOKEN_LIFETIME_SECONDS', 'answerTokenRequest', 'methodNotAllowed', 'problem', 'signToken', 'signingKeyFromEnvironment', 'signingKeyOnce']);
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const answer = await core.answerTokenRequest({}, { authenticate: () => Promise.resolve({ id: 'alice' }), toVonageUser: (u: { id: string }) => u.id, signingKey: () => ({ applicationId: 'app', privateKey }) });
    assert.equal(answer.status, 200);
    assert.equal((jsonwebtoken.verify(answer.body.token, publicKey, { algorithms: ['RS256'] }) as { sub: string }).sub, 'alice');
  });
});

describe('endpoint: the JavaScript templates are derived from the TypeScript ones', () => {
  it('media/templates/endpoint/js-esm and js-cjs are current (run `npm run templates` after changing ts/)', () => {
    for (const [rel, text] of derivedTemplates()) assert.equal(fs.readFileSync(path.join(TEMPLATES, rel), 'utf8'), text, `${rel} is not what ts/ derives: run npm run templates`);
  });

  it('types go, the layout stays: blank lines, two-space indents, `} catch`, braceless ifs on their line', () => {
    const source = "import type { A } from './a.js';\nimport { b, type C } from './b.js';\n\nexport function f(x: number): C {\n  if (x > 1) return b as C;\n  try {\n    return b;\n  } catch {\n    return b;\n  }\n}\n";
    assert.equal(toJavaScript(source), "import { b } from './b.js';\n\nexport function f(x) {\n  if (x > 1) return b;\n  try {\n    return b;\n  } catch {\n    return b;\n  }\n}\n");
  });

  it('CommonJS: require() for each import, one module.exports of every export, use strict after the header', () => {
    const esm = "// header\nimport assert from 'node:assert/strict';\nimport { a, b as c } from './x.js';\nimport * as ns from 'pkg';\n\nexport const ONE = 1;\nexport async function two() {}\n";
    assert.equal(toCommonJs(esm), "// header\n'use strict';\nconst assert = require('node:assert/strict');\nconst { a, b: c } = require('./x.js');\nconst ns = require('pkg');\n\nconst ONE = 1;\nasync function two() {}\n\nmodule.exports = { ONE, two };\n");
    assert.throws(() => toCommonJs('export default 1;\n'), /an import or export toCommonJs does not know/);
  });
});
