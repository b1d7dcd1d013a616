// The files of a generated token endpoint: which template becomes which file of the project, and each
// template rendered for it (its imports pointing at the files' final names, the route, the lifetime,
// the variable names, the test runner). Pure: the templates' texts come in, the files' texts go out.
import * as path from 'path';
import type { Framework, ProjectProfile } from './projectProfile';

/** What a file is to the others: the name its template's imports know it by. */
type EndpointRole = 'core' | 'auth' | 'kit' | 'route' | 'test' | 'server';

export interface PlannedFile {
  role: EndpointRole;
  /** The template, relative to media/templates/endpoint/ with /. */
  template: string;
  /** Where it goes, relative to the project folder with /. */
  target: string;
}

export interface EndpointSettings {
  /** The route's path, e.g. /api/vonage/token. */
  route: string;
  ttlSeconds: number;
  /** The environment variables the endpoint reads (vonage.env.names); the key file's is keyFileVariable(privateKeyVariable). */
  applicationIdVariable: string;
  privateKeyVariable: string;
}

/** The variable that names the key's file, beside the one that holds the key itself. */
export function keyFileVariable(privateKeyVariable: string): string {
  return `${privateKeyVariable}_PATH`;
}

export const DEFAULT_ROUTE = '/api/vonage/token';
export const DEFAULT_ENDPOINT_TTL_SECONDS = 3600;

/** The name each role has in the Node templates' imports, and in the Python ones. */
const NODE_NAMES: Record<Framework, Partial<Record<EndpointRole, string>>> = {
  express: { route: 'express/vonageTokenRoute', test: 'express/vonageTokenRoute.test' },
  fastify: { route: 'fastify/vonageTokenRoute', test: 'fastify/vonageTokenRoute.test' },
  next: { route: 'next/vonageTokenHandler', test: 'next/vonageTokenHandler.test', server: 'next/route' },
  node: { route: 'node/vonageTokenListener', test: 'node/vonageTokenListener.test', server: 'node/token-server' },
  fastapi: {},
  flask: {},
};
const SHARED_NODE_NAMES: Partial<Record<EndpointRole, string>> = { core: 'vonageToken', auth: 'vonageAuth', kit: 'vonageTokenTestKit' };
const PYTHON_NAMES: Record<string, EndpointRole> = { vonage_token: 'core', vonage_auth: 'auth', vonage_token_testkit: 'kit', vonage_token_route: 'route' };

/** A route path that is safe in a URL, a string literal, a comment and (for Next.js) a folder path. */
export function routeProblem(route: string): string | undefined {
  if (!route.startsWith('/')) return `The route "${route}" must start with /, e.g. ${DEFAULT_ROUTE}.`;
  if (!/^(\/[A-Za-z0-9_.~-]+)+$/.test(route) || route.split('/').some((s) => s === '.' || s === '..')) {
    return `The route "${route}" may hold only letters, digits and - _ . ~ between single slashes (no trailing slash, no . or .. segments), e.g. ${DEFAULT_ROUTE}.`;
  }
  return undefined;
}

function nodeTemplateDir(profile: ProjectProfile, role: EndpointRole): string {
  if (profile.language === 'ts') return 'ts';
  if (role === 'server' && profile.framework === 'node') return 'js-esm'; // token-server.mjs, whatever the package type
  const esmTest = profile.testRunner === 'vitest' && (role === 'test' || role === 'kit'); // Vitest cannot be require()d
  return profile.module === 'esm' || esmTest ? 'js-esm' : 'js-cjs';
}

/** The extension of a generated JavaScript/TypeScript file. */
function nodeExtension(profile: ProjectProfile, role: EndpointRole): string {
  if (profile.language === 'ts') return '.ts';
  if (role === 'server' && profile.framework === 'node') return '.mjs';
  return profile.module === 'cjs' && nodeTemplateDir(profile, role) === 'js-esm' ? '.mjs' : '.js';
}

function nodePlan(profile: ProjectProfile, route: string): PlannedFile[] {
  const names = { ...SHARED_NODE_NAMES, ...NODE_NAMES[profile.framework] };
  const roles = Object.keys(names) as EndpointRole[];
  return roles.map((role) => {
    const name = names[role]!;
    const dir = nodeTemplateDir(profile, role);
    const template = `${dir}/${name}${dir === 'ts' ? '.ts' : '.js'}`;
    const file = `${path.posix.basename(name)}${nodeExtension(profile, role)}`;
    return { role, template, target: path.posix.join(targetDir(profile, role, route), file) };
  });
}

/** The folder a role's file goes in: the endpoint's module folder, but for Next.js's route and token-server. */
function targetDir(profile: ProjectProfile, role: EndpointRole, route: string): string {
  if (role !== 'server') return profile.moduleDir;
  if (profile.framework === 'next') return path.posix.join(profile.appDir ?? 'app', route.slice(1));
  return profile.language === 'ts' ? path.posix.dirname(profile.moduleDir) : ''; // beside the sources, or the folder for `node token-server.mjs`
}

function pythonPlan(profile: ProjectProfile): PlannedFile[] {
  return [
    { role: 'core', template: 'python/vonage_token.py', target: 'vonage_token.py' },
    { role: 'auth', template: 'python/vonage_auth.py', target: 'vonage_auth.py' },
    { role: 'kit', template: 'python/vonage_token_testkit.py', target: 'vonage_token_testkit.py' },
    { role: 'route', template: `python/${profile.framework}/vonage_token_route.py`, target: 'vonage_token_route.py' },
    { role: 'test', template: `python/${profile.framework}/test_vonage_token_route.py`, target: 'test_vonage_token_route.py' },
  ].map((f) => ({ ...f, role: f.role as EndpointRole, target: path.posix.join(profile.moduleDir, f.target) }));
}

/** The files of the endpoint for this project, before any is renamed to keep an existing file. */
export function planEndpoint(profile: ProjectProfile, route: string): PlannedFile[] {
  return profile.language === 'python' ? pythonPlan(profile) : nodePlan(profile, route);
}

/** How the app serves the endpoint: one sentence, and the file (relative to the project) to open for it. */
interface MountHint {
  file: string;
  sentence: string;
}

/** What the developer adds to their app for the route to answer, per framework (`files`: as placed, renamed ones included). */
export function mountHint(profile: ProjectProfile, files: readonly PlannedFile[], route: string): MountHint {
  const target = (role: EndpointRole) => files.find((f) => f.role === role)!.target;
  const from = (call: string, verb: string) => ({ file: target('route'), sentence: `${verb} it in your app: ${call}, from ${target('route')}.` });
  switch (profile.framework) {
    case 'express': return from('app.use(vonageTokenRouter())', 'Mount');
    case 'fastify': return from('registerVonageTokenRoute(app)', 'Register');
    case 'fastapi': return from('app.include_router(vonage_token_router())', 'Include');
    case 'flask': return from('app.register_blueprint(vonage_token_blueprint())', 'Register');
    case 'next': return { file: target('server'), sentence: `Next.js serves it at ${route} from ${target('server')}: nothing to mount.` };
    case 'node': {
      const server = target('server');
      const run = profile.language === 'ts' ? `compile ${server} and run it with node --env-file=.env` : `node --env-file=.env ${server}`;
      return { file: server, sentence: `Run it: ${run} (or serve vonageTokenListener() from your own server).` };
    }
  }
}

/** How `from` imports `to`: a relative specifier, with the extension the project's imports carry. */
function specifier(profile: ProjectProfile, from: string, to: string): string {
  let rel = path.posix.relative(path.posix.dirname(from), to);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const ext = path.posix.extname(rel);
  const bare = rel.slice(0, -ext.length);
  if (profile.extensionlessImports) return bare;
  return ext === '.ts' ? `${bare}.js` : rel;
}

/** The template-side name of a Node import ('./vonageToken.js' → core), or undefined for a package. */
function roleOfNodeImport(profile: ProjectProfile, spec: string): EndpointRole | undefined {
  const base = path.posix.basename(spec).replace(/\.(js|mjs)$/, '');
  const names = { ...SHARED_NODE_NAMES, ...NODE_NAMES[profile.framework] };
  return (Object.keys(names) as EndpointRole[]).find((role) => path.posix.basename(names[role]!) === base);
}

function rewriteNodeImports(text: string, file: PlannedFile, files: readonly PlannedFile[], profile: ProjectProfile): string {
  return text.replace(/(from |require\()'(\.\/[\w.-]+)'/g, (_whole, lead: string, spec: string) => {
    const role = roleOfNodeImport(profile, spec);
    const to = files.find((f) => f.role === role);
    if (!to) throw new Error(`The template ${file.template} imports ${spec}, which is no file of the endpoint.`);
    return `${lead}'${specifier(profile, file.target, to.target)}'`;
  });
}

function rewritePythonImports(text: string, files: readonly PlannedFile[]): string {
  return text.replace(/^(from |import )(vonage_\w+)\b/gm, (whole, lead: string, module: string) => {
    const to = files.find((f) => f.role === PYTHON_NAMES[module]);
    return to ? `${lead}${path.posix.basename(to.target, '.py')}` : whole;
  });
}

/** The type of request `authenticate` gets, per framework (the templates are written for Express / FastAPI). */
const REQUEST_TYPES: Record<Framework, [string, string]> = {
  express: ["import type { Request } from 'express';", "import type { Request } from 'express';"],
  fastify: ["import type { Request } from 'express';", "import type { FastifyRequest as Request } from 'fastify';"],
  node: ["import type { Request } from 'express';", "import type { IncomingMessage as Request } from 'node:http';"],
  next: ["import type { Request } from 'express';\n", ''], // the Fetch API's Request is global
  fastapi: ['from fastapi import Request', 'from fastapi import Request'],
  flask: ['from fastapi import Request', 'from flask import Request'],
};

const RUNNER_MODULES: Partial<Record<ProjectProfile['testRunner'], string>> = { vitest: 'vitest', jest: '@jest/globals' };

/** Replaces `from` (which must be there, else the template changed under us) in `text`. */
function replaceRequired(text: string, from: string | RegExp, to: string, template: string): string {
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`The template ${template} no longer holds ${String(from)}.`);
  return typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
}

/** One template rendered as the file `file` of this project. */
export function renderEndpointFile(template: string, file: PlannedFile, files: readonly PlannedFile[], profile: ProjectProfile, settings: EndpointSettings): string {
  let text = profile.language === 'python' ? rewritePythonImports(template, files) : rewriteNodeImports(template, file, files, profile);
  const variables: Record<string, string> = {
    VONAGE_APPLICATION_ID: settings.applicationIdVariable,
    VONAGE_PRIVATE_KEY: settings.privateKeyVariable,
    VONAGE_PRIVATE_KEY_PATH: keyFileVariable(settings.privateKeyVariable),
  };
  text = text.replace(/\bVONAGE_(APPLICATION_ID|PRIVATE_KEY_PATH|PRIVATE_KEY)\b/g, (name) => variables[name]);
  text = text.split(DEFAULT_ROUTE).join(settings.route);
  if (file.role === 'core') text = replaceRequired(text, /TOKEN_LIFETIME_SECONDS = \d+/, `TOKEN_LIFETIME_SECONDS = ${settings.ttlSeconds}`, file.template);
  if (file.role === 'auth' && profile.language !== 'js') {
    const [from, to] = REQUEST_TYPES[profile.framework];
    text = replaceRequired(text, from, to, file.template);
  }
  const runner = RUNNER_MODULES[profile.testRunner];
  if (runner && (file.role === 'test' || file.role === 'kit') && text.includes("'node:test'")) text = text.split("'node:test'").join(`'${runner}'`);
  if (profile.namespaceImports) text = text.replace(/^import (\w+) from '([^.'][^']*)';$/gm, "import * as $1 from '$2';");
  return text;
}
