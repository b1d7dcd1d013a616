// The signing library the generated endpoint needs, added to the project's own dependency list (edited
// in place: its formatting, order and comments kept), and the command that installs them. Pure: texts in,
// texts out; the feature writes the files and offers the command in a terminal.
import { applyEdits, modify } from 'jsonc-parser';
import type { ProjectProfile } from './projectProfile';
import { pyprojectPackages, requirementsPackages } from './projectProfile';

/**
 * jsonwebtoken signs with a KeyObject parsed once; @vonage/jwt (1.17.1, read for this) takes only the PEM
 * text (parsed again by jsonwebtoken on every call) and writes the private key to the `debug` log.
 */
export const NODE_DEPENDENCIES: Readonly<Record<string, string>> = { jsonwebtoken: '^9.0.3' };
export const TYPESCRIPT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = { '@types/jsonwebtoken': '^9.0.10' };
/** PyJWT with `cryptography` (its `crypto` extra) for RS256; Debian ships both (python3-jwt, python3-cryptography). */
export const PYTHON_REQUIREMENT = 'PyJWT[crypto]>=2.6,<3';

/** A dependency file with the endpoint's dependencies added. */
export interface DependencyEdit {
  /** Relative to the project folder. */
  file: string;
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
  const pkg = JSON.parse(packageJson) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
  const has = (name: string) => Boolean(pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]);
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

/** pyproject.toml with PyJWT in [project] dependencies, or in [tool.poetry.dependencies]; undefined: neither is there. */
function pyprojectEdit(text: string): DependencyEdit | undefined {
  const project = /^\[project\][^[]*?^dependencies\s*=\s*\[([^\]]*)\]/ms.exec(text);
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
  if (files.requirements !== undefined && (requirementsPackages(files.requirements).has(framework) || files.pyproject === undefined)) return requirementsEdit(files.requirements);
  if (files.pyproject !== undefined) return pyprojectEdit(files.pyproject) ?? { manual: PYTHON_REQUIREMENT };
  return requirementsEdit('');
}

/**
 * The command that installs what the endpoint needs: for Node, what package.json now lists, with the
 * project's own package manager; for Python, PyJWT and what the test runs on (pytest; httpx under
 * FastAPI's TestClient) unless the project names them already.
 */
export function installCommand(profile: ProjectProfile, lockfiles: { pnpm: boolean; yarn: boolean }, pythonFiles: { requirements?: string; pyproject?: string } = {}): string {
  if (profile.language !== 'python') return lockfiles.pnpm ? 'pnpm install' : lockfiles.yarn ? 'yarn install' : 'npm install';
  const named = new Set([...requirementsPackages(pythonFiles.requirements), ...pyprojectPackages(pythonFiles.pyproject)]);
  const forTests = ['pytest', ...(profile.framework === 'fastapi' ? ['httpx'] : [])].filter((p) => !named.has(p));
  return ['python', '-m', 'pip', 'install', `"${PYTHON_REQUIREMENT}"`, ...forTests].join(' ');
}
