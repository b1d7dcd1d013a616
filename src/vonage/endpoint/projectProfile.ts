// Which backend a folder holds, and how its code is written: the framework (from package.json,
// pyproject.toml, requirements.txt), the language and module style (tsconfig.json, "type": "module"), the
// test runner, and where source files go. Pure: the feature reads the files and passes their text in.
import { parse as parseJsonc } from 'jsonc-parser';
import { VonageInputError } from '../errors';

export type Framework = 'express' | 'fastify' | 'next' | 'node' | 'fastapi' | 'flask';
export const FRAMEWORKS: readonly Framework[] = ['express', 'fastify', 'next', 'node', 'fastapi', 'flask'];
export const FRAMEWORK_NAMES: Readonly<Record<Framework, string>> = {
  express: 'Express', fastify: 'Fastify', next: 'Next.js (App Router)', node: 'Node (node:http)', fastapi: 'FastAPI', flask: 'Flask',
};

type TestRunner = 'node:test' | 'vitest' | 'jest' | 'pytest';

/** What the feature read from the folder: the texts of the files that exist, and which folders exist. */
export interface ProjectFiles {
  packageJson?: string;
  tsconfig?: string;
  pyproject?: string;
  requirements?: string;
  /** Folders that exist, relative with / (only those asked about: src, app, src/app). */
  folders: ReadonlySet<string>;
}

/** How the generated code is written into this project. */
export interface ProjectProfile {
  framework: Framework;
  language: 'ts' | 'js' | 'python';
  /** The module syntax of plain JavaScript files (TypeScript sources always use import/export). */
  module: 'esm' | 'cjs';
  testRunner: TestRunner;
  /** Where the endpoint's modules go, relative to the folder with / ('' is the folder itself). */
  moduleDir: string;
  /** Next.js only: the App Router's folder (app or src/app). */
  appDir?: string;
  /** `import * as x` for packages' default exports: a CommonJS TypeScript project without esModuleInterop. */
  namespaceImports: boolean;
  /** Relative imports without an extension (Next.js projects write them so); else with .js. */
  extensionlessImports: boolean;
}

interface PackageJson {
  type?: unknown;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
}

/** package.json's object (undefined: there is none); one that is not a JSON object is the user's to fix, said in words. */
export function packageJsonOf(packageJson: string | undefined): PackageJson | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const parsed = JSON.parse(packageJson) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch (e) {
    throw new VonageInputError(`package.json is not valid JSON (${e instanceof Error ? e.message : String(e)}), so its dependencies cannot be read. Fix it and run the command again.`, 'folder');
  }
  throw new VonageInputError('package.json does not hold a JSON object, so its dependencies cannot be read. Fix it and run the command again.', 'folder');
}

function dependsOn(pkg: PackageJson | undefined, name: string): boolean {
  return Boolean(pkg && ((pkg.dependencies && name in pkg.dependencies) || (pkg.devDependencies && name in pkg.devDependencies)));
}

const normalized = (name: string) => name.toLowerCase().replace(/[._]/g, '-');

/** The packages a requirements.txt names (one requirement a line), normalized as pip compares them. */
export function requirementsPackages(text: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const m of (text ?? '').matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/gm)) names.add(normalized(m[1]));
  return names;
}

/** The packages a pyproject.toml names: requirement strings ("fastapi>=0.100") and Poetry's keys (fastapi = "^0.100"). */
export function pyprojectPackages(text: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const m of (text ?? '').matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?=[<>=!~;@ "'])/g)) names.add(normalized(m[1]));
  for (const m of (text ?? '').matchAll(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*[{"']/gm)) names.add(normalized(m[1]));
  return names;
}

/**
 * The frameworks the folder's files name: Express, Fastify or Next.js in package.json (plain Node when
 * package.json names none of them), FastAPI or Flask in pyproject.toml or requirements.txt.
 */
export function detectFrameworks(files: ProjectFiles): Framework[] {
  const found: Framework[] = [];
  const pkg = packageJsonOf(files.packageJson);
  if (pkg) {
    const node = (['express', 'fastify', 'next'] as const).filter((f) => dependsOn(pkg, f));
    found.push(...(node.length ? node : ['node' as const]));
  }
  const python = new Set([...pyprojectPackages(files.pyproject), ...requirementsPackages(files.requirements)]);
  if (python.has('fastapi')) found.push('fastapi');
  if (python.has('flask')) found.push('flask');
  return found;
}

interface TsCompilerOptions { module?: unknown; esModuleInterop?: unknown; allowSyntheticDefaultImports?: unknown }

/** Whether `import x from 'pkg'` of a CommonJS package compiles: interop on, or a module system that has it. */
function defaultImportsWork(tsconfigText: string): boolean {
  const config = parseJsonc(tsconfigText, [], { allowTrailingComma: true }) as { extends?: unknown; compilerOptions?: TsCompilerOptions } | undefined;
  if (!config || typeof config !== 'object') return true;
  if (config.extends !== undefined) return true; // the base decides; the usual ones (@tsconfig/*, Next's) turn interop on
  const options = config.compilerOptions ?? {};
  if (options.esModuleInterop === true || options.allowSyntheticDefaultImports === true) return true;
  const module = typeof options.module === 'string' ? options.module.toLowerCase() : 'commonjs';
  return /^(node16|node18|node20|nodenext|preserve|es20\d\d|esnext|es6)$/.test(module);
}

function testRunnerOf(pkg: PackageJson | undefined, python: boolean): TestRunner {
  if (python) return 'pytest';
  if (dependsOn(pkg, 'vitest')) return 'vitest';
  if (dependsOn(pkg, 'jest')) return 'jest';
  return 'node:test';
}

/** How code is written for `framework` in this folder. */
export function projectProfile(files: ProjectFiles, framework: Framework): ProjectProfile {
  const python = framework === 'fastapi' || framework === 'flask';
  const pkg = python ? undefined : packageJsonOf(files.packageJson);
  const typescript = !python && (files.tsconfig !== undefined || dependsOn(pkg, 'typescript'));
  const base = {
    framework,
    language: python ? 'python' as const : typescript ? 'ts' as const : 'js' as const,
    module: pkg?.type === 'module' ? 'esm' as const : 'cjs' as const,
    testRunner: testRunnerOf(pkg, python),
    namespaceImports: typescript && files.tsconfig !== undefined && !defaultImportsWork(files.tsconfig),
    extensionlessImports: framework === 'next',
  };
  if (framework === 'next') {
    const inSrc = files.folders.has('src/app');
    // Next.js bundles its routes: ES modules, and a package's default import always works.
    return { ...base, module: 'esm', namespaceImports: false, appDir: inSrc ? 'src/app' : 'app', moduleDir: inSrc ? 'src/lib/vonage' : 'lib/vonage' };
  }
  if (python) return { ...base, moduleDir: '' };
  return { ...base, moduleDir: files.folders.has('src') ? 'src/vonage' : 'vonage' };
}
