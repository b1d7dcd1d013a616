/** A webhook URL as the Applications API accepts it: absolute http(s). Undefined = fine. */
export function validateHttpUrl(text: string, optional: boolean): string | undefined {
  const t = text.trim();
  if (!t) return optional ? undefined : 'Enter a URL, e.g. https://example.com/webhooks/event';
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return `"${t}" is not a URL. Enter an absolute URL such as https://example.com/webhooks/event`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Use an http:// or https:// URL (not ${url.protocol}).`;
  return undefined;
}

export function validateApplicationName(text: string): string | undefined {
  const t = text.trim();
  if (!t) return 'Enter a name for the application.';
  if (t.length > 200) return `The name is ${t.length} characters long; keep it to 200.`;
  return undefined;
}
