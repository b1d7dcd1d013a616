// Watches what decides a repository's answers — its root .gitignore, .git/index, .git/HEAD and
// .git/info/exclude — with the operating system's own watcher on their folders (a folder watch survives
// the rename by which git and editors replace these files). VS Code's workspace watcher can miss a
// change; this one is per repository and cheap (three watches).
import { watch, type FSWatcher } from 'fs';
import * as path from 'path';

export class RepositoryWatch {
  private readonly watchers = new Map<string, FSWatcher[]>();

  constructor(private readonly onChange: (what: string) => void) {}

  /** Starts watching `root` (once per repository). */
  add(root: string): void {
    if (this.watchers.has(root)) return;
    const git = path.join(root, '.git');
    this.watchers.set(root, [
      this.watchFolder(root, ['.gitignore']),
      this.watchFolder(git, ['index', 'HEAD']),
      this.watchFolder(path.join(git, 'info'), ['exclude']),
    ].filter((w): w is FSWatcher => w !== undefined));
  }

  dispose(): void {
    for (const list of this.watchers.values()) for (const w of list) w.close();
    this.watchers.clear();
  }

  private watchFolder(folder: string, names: string[]): FSWatcher | undefined {
    try {
      const w = watch(folder, { persistent: false }, (_event, name) => {
        if (name && names.includes(name.toString())) this.onChange(path.join(folder, name.toString()));
      });
      w.on('error', () => w.close()); // the folder went away (a repository deleted): nothing left to watch
      return w;
    } catch {
      return undefined; // no such folder (a worktree's .git file, no info/): VS Code's watcher still covers it
    }
  }
}
