import type { VonageSession } from '../../credentials/session';
import { ComposedTree } from '../../tree/composedTree';
import { MessageNode } from '../../tree/messageNode';
import type { TreeNode } from '../../tree/treeNode';
import type { Log } from '../../ui/log';
import type { OwnedNumber } from '../../vonage/numbers';
import { NumberNode } from './numberNode';

/**
 * The Numbers view: the numbers the active account owns, read once (every page) and then kept;
 * `reload()` reads them again. The linked numbers under each application come from the same list.
 */
export class NumbersTree extends ComposedTree {
  private numbers?: OwnedNumber[];
  private loading?: Promise<OwnedNumber[]>;
  private generation = 0;
  /** The name of an application the Applications view has loaded (for "→ My App"). */
  applicationName: (id: string) => string | undefined = () => undefined;
  /** Called when the root is rendered signed in (the balance is read alongside). */
  onRootLoaded?: () => void;

  constructor(private readonly session: VonageSession, protected override readonly log: Log) {
    super(log);
  }

  /** Every owned number (read if not yet). */
  async owned(): Promise<OwnedNumber[]> {
    if (this.numbers) return this.numbers;
    if (!this.loading) {
      const gen = this.generation;
      const loading = this.read().then((list) => {
        if (gen === this.generation) this.numbers = list;
        return list;
      }).finally(() => { if (this.loading === loading) this.loading = undefined; });
      this.loading = loading;
    }
    return this.loading;
  }

  /** The owned numbers if they were read, without reading. */
  loaded(): OwnedNumber[] | undefined {
    return this.numbers;
  }

  /** Forgets the numbers and re-renders: they are read again. */
  reload(): void {
    this.numbers = undefined;
    this.loading = undefined;
    this.generation++;
    this.refresh();
  }

  /** A number was bought, changed or released here: the list shows it without reading everything again. */
  put(number: OwnedNumber): void {
    if (this.numbers) this.numbers = sortByMsisdn([...this.numbers.filter((n) => n.msisdn !== number.msisdn), number]);
    this.refresh();
  }

  remove(msisdn: string): void {
    if (this.numbers) this.numbers = this.numbers.filter((n) => n.msisdn !== msisdn);
    this.refresh();
  }

  protected async rootChildren(): Promise<TreeNode[]> {
    if (!await this.session.isSignedIn(this.session.baseUrl)) {
      this.numbers = undefined;
      return []; // the viewsWelcome text takes over
    }
    this.onRootLoaded?.();
    try {
      const list = await this.owned();
      return list.length ? list.map((n) => new NumberNode(undefined, n, this.applicationName)) : [noNumbersNode()];
    } catch (e) {
      this.log.error('Listing your numbers failed', e);
      return [MessageNode.error(undefined, e instanceof Error ? e.message : String(e))];
    }
  }

  private async read(): Promise<OwnedNumber[]> {
    const client = await this.session.numbers(this.session.baseUrl, this.session.restBaseUrl);
    return sortByMsisdn(await client.list());
  }
}

function noNumbersNode(): MessageNode {
  return new MessageNode(undefined, 'noNumbers', 'No numbers yet — search and buy one', {
    icon: 'add', command: { command: 'vonage.buyNumber', title: 'Buy a Number' },
  });
}

function sortByMsisdn(list: OwnedNumber[]): OwnedNumber[] {
  return [...list].sort((a, b) => a.msisdn.localeCompare(b.msisdn));
}
