// The signing library the generated endpoint needs, added to the project's own dependency list (edited
// in place: its formatting, order and comments kept), and the command that installs them. Pure: texts in,
// texts out; the feature writes the files and offers the command in a terminal.
import { applyEdits, modify } from 'jsonc-parser';
import type { ProjectProfile } from './projectProfile';
import { packageJsonOf, pyprojectPackages, requirementsPackages } from './projectProfile';

/**
 * jsonwebtoken signs with a KeyObject parsed once; @vonage/jwt (1.17.1, read for this) takes only the PEM
 * text (parsed again by jsonwebtoken on every call) and writes the private key to the `debug` log.
 */
const NODE_DEPENDENCIES: Readonly<Record<string, string>> = { jsonwebtoken: '^9.0.3' };
const TYPESCRIPT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = { '@types/jsonwebtoken': '^9.0.10' };
/** PyJWT with `cryptography` (its `crypto` extra) for RS256; Debian ships both (python3-jwt, python3-cryptography). */
const PYTHON_REQUIREMENT = 'PyJWT[crypto]>=2.6,<3';

/** A dependency file with the endpoint's dependencies added. */
interface DependencyEdit {
  /** Relative to the project folder. */
  file: 'package.json' | 'requirements.txt' | 'pyproject.toml';
  text: string;
  added: string[];
}

function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const first = /^([ \t]+)\S/m.exec(text)?.[1];
  if (first?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: first?.length ?? 2 };
}

/** package.json with jsonwebtoken (and its types for TypeScript) added where missing; undefined: nothing to add. */
export function nodeDependencyEdit(packageJson: string, profile: ProjectProfile): DependencyEdit | undefined {
  const pkg = packageJsonOf(packageJson);
  // A name without a range ("" or null) counts as missing here, and is given one: unlike dependsOn, which tests the key.
  const has = (name: string) => Boolean(pkg?.dependencies?.[name] ?? pkg?.devDependencies?.[name]);
  const wanted: [string, string, string][] = Object.entries(NODE_DEPENDENCIES).map(([name, range]) => ['dependencies', name, range]);
  if (profile.language === 'ts') wanted.push(...Object.entries(TYPESCRIPT_DEV_DEPENDENCIES).map(([name, range]): [string, string, string] => ['devDependencies', name, range]));
  const missing = wanted.filter(([, name]) => !has(name));
  if (!missing.length) return undefined;
  const eol = packageJson.includes('\r\n') ? '\r\n' : '\n';
  let text = packageJson;
  for (const [section, name, range] of missing) {
    text = applyEdits(text, modify(text, [section, name], range, { formattingOptions: { ...indentOf(packageJson), eol } }));
  }
  return { file: 'package.json', text, added: missing.map(([, name, range]) => `${name}@${range}`) };
}

/** requirements.txt with PyJWT added at the end. */
function requirementsEdit(text: string): DependencyEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return { file: 'requirements.txt', text: `${text}${separator}${PYTHON_REQUIREMENT}${eol}`, added: [PYTHON_REQUIREMENT] };
}

/**
 * [project]'s `dependencies = [ … ]`, its items in group 1: quoted strings, commas, blanks and comments,
 * so that a ] inside a string ("uvicorn[standard]") does not end the list.
 */
const PROJECT_DEPENDENCIES = /^\[project\][^[]*?^dependencies\s*=\s*\[((?:\s|,|#[^\n]*|"[^"\n]*"|'[^'\n]*')*)\]/m;

/** pyproject.toml with PyJWT in [project] dependencies, or in [tool.poetry.dependencies]; undefined: neither is there. */
function pyprojectEdit(text: string): DependencyEdit | undefined {
  const project = PROJECT_DEPENDENCIES.exec(text);
  if (project) {
    const itemsEnd = project.index + project[0].length - 1; // the array's ]
    const itemsStart = itemsEnd - project[1].length;
    const items = project[1].replace(/\s+$/, '');
    const after = project[1].slice(items.length); // the newline and indent before ]
    const comma = items.trim() !== '' && !items.endsWith(',') ? ',' : '';
    const added = project[1].includes('\n')
      ? `${items}${comma}\n${/\n([ \t]+)\S/.exec(project[1])?.[1] ?? '    '}"${PYTHON_REQUIREMENT}",${after}`
      : `${items}${comma}${items.trim() ? ' ' : ''}"${PYTHON_REQUIREMENT}"${after}`;
    return { file: 'pyproject.toml', text: `${text.slice(0, itemsStart)}${added}${text.slice(itemsEnd)}`, added: [PYTHON_REQUIREMENT] };
  }
  const poetry = /^\[tool\.poetry\.dependencies\][ \t]*\r?\n/m.exec(text);
  if (poetry) {
    const at = poetry.index + poetry[0].length;
    const line = `PyJWT = { version = ">=2.6,<3", extras = ["crypto"] }\n`;
    return { file: 'pyproject.toml', text: `${text.slice(0, at)}${line}${text.slice(at)}`, added: [PYTHON_REQUIREMENT] };
  }
  return undefined;
}

/**
 * The Python dependency file with PyJWT added where missing: requirements.txt when it names the framework
 * (or when there is no pyproject.toml), else pyproject.toml. undefined: nothing to add. `manual`: neither
 * file can be edited safely, so the person is told what to add.
 */
export function pythonDependencyEdit(files: { requirements?: string; pyproject?: string }, framework: string): DependencyEdit | { manual: string } | undefined {
  const named = new Set([...requirementsPackages(files.requirements), ...pyprojectPackages(files.pyproject)]);
  if (named.has('pyjwt')) return undefined;
  if (pythonDependencyFile(files, framework) === 'requirements.txt') return requirementsEdit(files.requirements ?? '');
  return pyprojectEdit(files.pyproject!) ?? { manual: PYTHON_REQUIREMENT };
}

/** The project's Python dependency list: requirements.txt when it names the framework or there is no pyproject.toml. */
function pythonDependencyFile(files: { requirements?: string; pyproject?: string }, framework: string): 'requirements.txt' | 'pyproject.toml' {
  if (files.pyproject === undefined || requirementsPackages(files.requirements).has(framework)) return 'requirements.txt';
  return 'pyproject.toml';
}

/** What decides how a project installs: its lock files, its Python virtual environment, the OS. */
export interface InstallContext {
  lockfiles: { pnpm: boolean; yarn: boolean; uv?: boolean };
  /** The interpreter of the project's own virtual environment, relative to its folder (.venv/bin/python), when it has one. */
  venvPython?: string;
  platform: NodeJS.Platform;
}

const quoted = (arg: string) => (/^[\w.-]+$/.test(arg) ? arg : `"${arg}"`);

/** The requirement strings of a pyproject.toml's [project] dependencies (undefined: it has none). */
function projectDependencies(pyproject: string | undefined): string[] | undefined {
  const list = pyproject === undefined ? undefined : PROJECT_DEPENDENCIES.exec(pyproject)?.[1];
  return list === undefined ? undefined : [...list.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2]);
}

/** What the endpoint and its test run on that no dependency file names: the framework, pytest, httpx (FastAPI's TestClient). */
function missingPythonPackages(framework: string, files: { requirements?: string; pyproject?: string }): string[] {
  const named = new Set([...requirementsPackages(files.requirements), ...pyprojectPackages(files.pyproject)]);
  return [framework, 'pytest', ...(framework === 'fastapi' ? ['httpx'] : [])].filter((p) => !named.has(p));
}

/** What pip installs from the project's own list: -r requirements.txt, or [project]'s requirements (with PyJWT). */
function pipSources(framework: string, files: { requirements?: string; pyproject?: string }): string[] {
  if (pythonDependencyFile(files, framework) === 'requirements.txt') return ['-r', 'requirements.txt'];
  const edit = pythonDependencyEdit(files, framework);
  const listed = projectDependencies(edit && 'text' in edit ? edit.text : files.pyproject);
  return (listed ?? [PYTHON_REQUIREMENT]).map(quoted); // pip cannot install only the dependencies of a pyproject.toml
}

/** Steps as one command: && in a POSIX shell; one per line on Windows, whose PowerShell 5 has no &&. */
const steps = (list: string[], platform: NodeJS.Platform) => list.join(platform === 'win32' ? '\n' : ' && ');

/** Who installs a Python project: Poetry or uv when its pyproject.toml is its list and one of them manages it, else pip. */
function pythonInstaller(framework: string, context: InstallContext, files: { requirements?: string; pyproject?: string }): 'poetry' | 'uv' | 'pip' {
  if (pythonDependencyFile(files, framework) !== 'pyproject.toml') return 'pip';
  if (/^\[tool\.poetry/m.test(files.pyproject ?? '')) return 'poetry';
  return context.lockfiles.uv ? 'uv' : 'pip';
}

/**
 * Python: Poetry or uv when the project uses one (they keep their lock file and their environment); else
 * pip — never the system's, which Debian, Ubuntu and Homebrew refuse (PEP 668) — in the project's virtual
 * environment, made in .venv when it has none, installing from the project's own dependency list.
 */
function pythonInstallCommand(framework: string, context: InstallContext, files: { requirements?: string; pyproject?: string }): string {
  const missing = missingPythonPackages(framework, files);
  const tests = missing.filter((p) => p !== framework);
  const installer = pythonInstaller(framework, context, files);
  if (installer === 'poetry') return steps(['poetry lock', 'poetry install', ...(tests.length ? [`poetry add --group dev ${tests.join(' ')}`] : [])], context.platform);
  if (installer === 'uv') return tests.length ? `uv add --dev ${tests.join(' ')}` : 'uv sync';
  const windows = context.platform === 'win32';
  const python = context.venvPython ?? (windows ? '.venv\\Scripts\\python.exe' : '.venv/bin/python');
  const makeVenv = context.venvPython ? [] : [`${windows ? 'py -3' : 'python3'} -m venv .venv`];
  return steps([...makeVenv, [python, '-m', 'pip', 'install', ...pipSources(framework, files), ...missing].join(' ')], context.platform);
}

/**
 * The command that installs what the endpoint needs, offered in a terminal (never run here): for Node,
 * what package.json now lists, with the project's own package manager; for Python, see above.
 */
export function installCommand(profile: ProjectProfile, context: InstallContext, pythonFiles: { requirements?: string; pyproject?: string } = {}): string {
  if (profile.language === 'python') return pythonInstallCommand(profile.framework, context, pythonFiles);
  return context.lockfiles.pnpm ? 'pnpm install' : context.lockfiles.yarn ? 'yarn install' : 'npm install';
}

/** What the person should know before Install in Terminal: that it makes a virtual environment, and why. */
export function installNote(profile: ProjectProfile, context: InstallContext, pythonFiles: { requirements?: string; pyproject?: string } = {}): string | undefined {
  if (profile.language !== 'python' || context.venvPython || pythonInstaller(profile.framework, context, pythonFiles) !== 'pip') return undefined;
  return 'Install in Terminal makes a virtual environment in .venv and installs into it: the system\'s pip refuses to (PEP 668). On Debian and Ubuntu that needs the python3-venv package.';
}
