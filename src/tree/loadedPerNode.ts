/**
 * What a feature loaded for each node of a view (the users of an application, its conversations), read
 * once. Whoever asks while the first read is still on the network shares that read: VS Code expanding a
 * node while a command reads the same node's children must not read twice, and the second read must not
 * replace a state the first one's callers have already changed (a member count, an added user).
 * `forget` drops the state and any read in flight; such a read still answers its callers but is not kept.
 */
export class LoadedPerNode<N extends object, S> {
  private readonly loaded = new WeakMap<N, S>();
  private readonly reading = new WeakMap<N, Promise<S>>();

  /** The state loaded for the node (undefined: not loaded, or still being read). */
  get(node: N): S | undefined {
    return this.loaded.get(node);
  }

  /** The node's state: the one loaded, the read in flight, or a new read with `read`. A failed read is not kept. */
  load(node: N, read: () => Promise<S>): Promise<S> {
    const loaded = this.loaded.get(node);
    if (loaded !== undefined) return Promise.resolve(loaded);
    const inFlight = this.reading.get(node);
    if (inFlight) return inFlight;
    const reading: Promise<S> = read()
      .then((state) => {
        if (this.reading.get(node) === reading) this.loaded.set(node, state);
        return state;
      })
      .finally(() => {
        if (this.reading.get(node) === reading) this.reading.delete(node);
      });
    this.reading.set(node, reading);
    return reading;
  }

  /** Drops what was loaded for the node (and a read in flight), so the next `load` reads again. */
  forget(node: N): void {
    this.loaded.delete(node);
    this.reading.delete(node);
  }
}
