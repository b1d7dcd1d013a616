// Which integration suites a run selects, shared by the runner in the extension host (index.ts) and the
// host outside it (test/host/runTests.ts), which installs only what the selected suites need.
import * as path from 'path';

/**
 * The suites (file names, .ts or compiled .js) whose name holds one of the comma-separated words of
 * `words` (INTEGRATION_SUITES, e.g. "tokens,zz"); all of them when it gives none.
 */
export function selectedSuites(files: readonly string[], words: string | undefined): string[] {
  const only = (words ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  return files.filter((f) => !only.length || only.some((w) => path.basename(f).includes(w)));
}

/** The suites that run the generated FastAPI and Flask endpoints, with Debian's Python packages. */
export const PYTHON_SUITES: readonly string[] = ['endpoint.test.ts'];

/** Whether the selected suites need Debian's Python packages installed. */
export function needsPython(files: readonly string[], words: string | undefined): boolean {
  return selectedSuites(files, words).some((f) => PYTHON_SUITES.includes(path.basename(f).replace(/\.js$/, '.ts')));
}
