// Lists that page with a cursor (the Users and Conversation APIs): the next page's `cursor` is read from
// `_links.next.href`, and a whole list is read page after page until there is no next one.

/** One page of a cursor-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The `cursor` query parameter of a `_links.next.href` (absolute or relative), or undefined. */
export function cursorFrom(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, 'https://api.nexmo.com').searchParams.get('cursor') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Every item of the list, page after page; a cursor seen before ends it (it would loop forever). */
export async function allPages<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    if (!page.nextCursor || seen.has(page.nextCursor)) return out;
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}
