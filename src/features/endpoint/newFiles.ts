// The endpoint's files are new files: one that exists is never overwritten. The person skips it (the
// existing file stays, and the new files use it) or writes the new one under another name; a script says
// which with `onExisting`.
import * as fs from 'fs/promises';
import * as path from 'path';
import type { PlannedFile } from '../../vonage/endpoint/endpointPlan';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Invocation } from '../../ui/commandWrapper';
import { makeParentFolders, resolveInsideFolder } from '../../workspace/insideFolder';
import { createFileExclusive } from '../../workspace/atomicWrite';

export type OnExisting = 'skip' | 'rename';
/** Generated source files are code, not secrets: readable like the rest of the project. */
const SOURCE_MODE = 0o644;

export interface PlacedFiles {
  /** Every file of the endpoint with its final name (skipped ones included: the others import them). */
  files: PlannedFile[];
  /** Targets that existed: skipped, left as they are. */
  skipped: Set<string>;
}

const exists = (file: string) => fs.lstat(file).then(() => true, () => false);

/** `name` with a number before its extensions, Python-style for .py: vonageToken2.ts, test_vonage_token_route_2.py. */
function numbered(target: string, n: number): string {
  const dir = path.posix.dirname(target);
  const base = path.posix.basename(target);
  const dot = base.indexOf('.');
  const stem = dot < 0 ? base : base.slice(0, dot);
  const rest = dot < 0 ? '' : base.slice(dot);
  return path.posix.join(dir, `${stem}${rest.endsWith('.py') ? '_' : ''}${n}${rest}`);
}

async function freeName(root: string, target: string, taken: ReadonlySet<string>): Promise<string> {
  for (let n = 2; ; n++) {
    const candidate = numbered(target, n);
    if (!taken.has(candidate) && !(await exists(path.join(root, candidate)))) return candidate;
  }
}

/** Next.js finds a route handler by its file name: route.ts cannot be written under another. */
const renameable = (file: PlannedFile) => !(file.role === 'server' && /^route\.[jt]s$/.test(path.posix.basename(file.target)));

async function askExisting(inv: Invocation, root: string, file: PlannedFile, suggestion: string): Promise<string | undefined> {
  const skip = { label: '$(debug-step-over) Skip it', description: 'the existing file stays as it is, and the new files use it', value: 'skip' as const };
  const items = renameable(file)
    ? [skip, { label: `$(new-file) Write the new one as ${suggestion}`, value: 'suggested' as const }, { label: '$(edit) Another name…', value: 'ask' as const }]
    : [{ ...skip, detail: 'Next.js finds a route by the name route.ts: for a second one, run the command again with another route' }];
  const choice = await inv.ui.pick(items, { title: 'Create Token Endpoint', placeholder: `${file.target} exists, and is never overwritten` });
  if (choice === 'skip') return undefined;
  if (choice === 'suggested') return suggestion;
  const ext = path.posix.extname(file.target);
  return inv.ui.input({
    title: 'Create Token Endpoint',
    prompt: `The new file's name, relative to ${path.basename(root)} (ending in ${ext})`,
    value: suggestion,
    validate: async (v) => {
      if (!v.trim().endsWith(ext)) return `Keep the extension ${ext}.`;
      if (/\.py$/.test(ext) && !/^[A-Za-z_]\w*\.py$/.test(path.posix.basename(v.trim()))) return 'A Python module\'s name is letters, digits and _ (not starting with a digit).';
      try {
        const f = await resolveInsideFolder(root, v, 'file');
        return (await exists(f.path)) ? `${f.relative} exists too.` : undefined;
      } catch (e) { return e instanceof Error ? e.message : String(e); }
    },
  }).then((v) => v.trim().split(path.sep).join('/'));
}

/** Gives each planned file its final name: as planned when free, else skipped or renamed. */
export async function placeFiles(root: string, planned: readonly PlannedFile[], inv: Invocation, onExisting: OnExisting | undefined): Promise<PlacedFiles> {
  const files: PlannedFile[] = [];
  const skipped = new Set<string>();
  const taken = new Set(planned.map((f) => f.target));
  for (const file of planned) {
    if (!(await exists(path.join(root, file.target)))) { files.push(file); continue; }
    const suggestion = await freeName(root, file.target, taken);
    const renamed = inv.scripted
      ? (onExisting === 'rename' && renameable(file) ? suggestion : undefined)
      : await askExisting(inv, root, file, suggestion);
    if (renamed === undefined) skipped.add(file.target);
    else taken.add(renamed);
    files.push(renamed === undefined ? file : { ...file, target: renamed });
  }
  return { files, skipped };
}

/** Writes a new file inside `root` (its folders made), never replacing one. Returns its absolute path. */
export async function writeNewFile(root: string, relative: string, text: string): Promise<string> {
  const file = await resolveInsideFolder(root, relative, 'file');
  await makeParentFolders(file);
  if (!await createFileExclusive(file.target, text, SOURCE_MODE)) {
    throw new VonageInputError(`${path.basename(file.target)} appeared while it was being written, so it was left as it is.`, 'file');
  }
  return file.path;
}

/** The `onExisting` argument: what a script wants done with a file that exists. */
export function onExistingArg(value: unknown): OnExisting | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'skip' || value === 'rename') return value;
  throw new VonageInputError('The argument "onExisting" is "skip" (the default: an existing file is left as it is) or "rename" (the new one is written beside it, numbered).', 'onExisting');
}
