import * as fs from 'fs/promises';
import * as path from 'path';
import vscode = require('vscode');
import type { ProjectFiles } from '../../vonage/endpoint/projectProfile';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { folderFromArg, workspaceFoldersOrFail } from '../../ui/workspaceFolders';

/** A backend's folder, as read for Create Token Endpoint. */
export interface EndpointProject {
  /** The project folder: a workspace folder, or a folder inside one (a monorepo's backend). */
  readonly root: string;
  readonly workspaceFolder: vscode.WorkspaceFolder;
  readonly files: ProjectFiles;
  readonly lockfiles: { pnpm: boolean; yarn: boolean; uv: boolean };
  /** The interpreter of the project's virtual environment (.venv or venv), relative to root, when there is one. */
  readonly venvPython?: string;
}

const WHAT = 'Create Token Endpoint';

async function textOf(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new VonageInputError(`${path.basename(file)} in ${path.dirname(file)} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, 'folder');
  }
}

async function isFolder(p: string): Promise<boolean> {
  return fs.stat(p).then((st) => st.isDirectory(), () => false);
}

/** Reads what decides the framework, the language and where files go. */
export async function readEndpointProject(root: string, workspaceFolder: vscode.WorkspaceFolder): Promise<EndpointProject> {
  const at = (name: string) => path.join(root, name);
  const [packageJson, tsconfig, pyproject, requirements] = await Promise.all(['package.json', 'tsconfig.json', 'pyproject.toml', 'requirements.txt'].map((f) => textOf(at(f))));
  const folders = new Set<string>();
  for (const folder of ['src', 'app', 'src/app']) if (await isFolder(at(folder))) folders.add(folder);
  const exists = (f: string) => fs.access(at(f)).then(() => true, () => false);
  const lockfiles = { pnpm: await exists('pnpm-lock.yaml'), yarn: await exists('yarn.lock'), uv: await exists('uv.lock') };
  const venvPython = (await Promise.all(VENV_PYTHONS.map(async (p) => ((await exists(p)) ? p : undefined)))).find((p) => p !== undefined);
  return { root, workspaceFolder, files: { packageJson, tsconfig, pyproject, requirements, folders }, lockfiles, venvPython };
}

/** Where a project's virtual environment keeps its python, by the names `python -m venv` is usually given. */
const VENV_PYTHONS = process.platform === 'win32' ? ['.venv\\Scripts\\python.exe', 'venv\\Scripts\\python.exe'] : ['.venv/bin/python', 'venv/bin/python'];

const MARKERS = ['package.json', 'pyproject.toml', 'requirements.txt'];
const hasMarker = async (dir: string) => (await Promise.all(MARKERS.map((m) => fs.access(path.join(dir, m)).then(() => true, () => false)))).some(Boolean);

/**
 * The folders a backend may be in: each workspace folder that holds a package.json, pyproject.toml or
 * requirements.txt, and each of its subfolders that does (a monorepo's backend/, a Flask api/ beside a
 * Node site: the folder's own package.json does not hide them). A workspace folder with none of them
 * anywhere is a candidate itself (the person then says which framework).
 */
export async function projectFolderCandidates(): Promise<{ root: string; workspaceFolder: vscode.WorkspaceFolder }[]> {
  const out: { root: string; workspaceFolder: vscode.WorkspaceFolder }[] = [];
  for (const workspaceFolder of workspaceFoldersOrFail(WHAT)) {
    const top = workspaceFolder.uri.fsPath;
    const entries = await fs.readdir(top, { withFileTypes: true }).catch(() => []);
    const subfolders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => path.join(top, e.name)).sort();
    const backends = (await Promise.all([top, ...subfolders].map(async (d) => ((await hasMarker(d)) ? d : undefined)))).filter((d): d is string => d !== undefined);
    out.push(...(backends.length ? backends : [top]).map((root) => ({ root, workspaceFolder })));
  }
  return out;
}

/**
 * The `folder` argument: a workspace folder (its path, URI or name) or a folder inside one, such as the
 * backend of a monorepo. Nothing outside the workspace's folders is accepted.
 */
export async function projectFolderFromArg(value: unknown): Promise<{ root: string; workspaceFolder: vscode.WorkspaceFolder } | undefined> {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && path.isAbsolute(value)) {
    const real = await fs.realpath(value).catch(() => undefined);
    if (!real || !(await isFolder(real))) throw new VonageInputError(`The folder ${value} does not exist.`, 'folder');
    for (const f of workspaceFoldersOrFail(WHAT)) {
      const rel = path.relative(await fs.realpath(f.uri.fsPath), real);
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { root: real, workspaceFolder: f };
    }
  }
  const workspaceFolder = folderFromArg(value, WHAT);
  return workspaceFolder && { root: workspaceFolder.uri.fsPath, workspaceFolder };
}
