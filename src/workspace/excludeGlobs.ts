// The one exclude glob for a workspace search that honours the user's `files.exclude` and
// `search.exclude` (findFiles applies only files.exclude by itself, and none at all once given an exclude
// of our own), the token settings' globs, and what is never searched: node_modules and .git.
// Pure string work (no vscode): unit-tested.

/** Never searched for tokens to renew: dependencies and git's own files. */
export const ALWAYS_EXCLUDED: readonly string[] = ['**/node_modules/**', '**/.git/**'];

/**
 * A glob with its brace groups expanded into plain globs: `**\/*.{js,map}` → `**\/*.js`, `**\/*.map`.
 * VS Code's glob matcher does not nest braces, and the combined exclude is one brace group.
 */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open === -1) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length && close === -1; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) close = i;
    else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close === -1) return [glob]; // unbalanced: leave it as it is
  const cuts = [open, ...commas, close];
  const head = glob.slice(0, open);
  const tail = glob.slice(close + 1);
  const out: string[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    for (const expanded of expandBraces(`${head}${glob.slice(cuts[k] + 1, cuts[k + 1])}${tail}`)) out.push(expanded);
  }
  return out;
}

/** The globs an exclude setting switches on: the keys set to `true` (`{"when": …}` conditions are left out). */
export function enabledGlobs(setting: unknown): string[] {
  if (Array.isArray(setting)) return setting.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting).filter(([, on]) => on === true).map(([glob]) => glob);
}

/** One glob `{a,b,…}` excluding everything the sources exclude, plus ALWAYS_EXCLUDED. */
export function combinedExclude(...sources: unknown[]): string {
  const globs = new Set<string>();
  for (const glob of [...ALWAYS_EXCLUDED, ...sources.flatMap(enabledGlobs)]) {
    for (const plain of expandBraces(glob.trim())) if (plain && !plain.includes(',')) globs.add(plain);
  }
  return `{${[...globs].join(',')}}`;
}
