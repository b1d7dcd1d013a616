export function validateApplicationName(text: string): string | undefined {
  const t = text.trim();
  if (!t) return 'Enter a name for the application.';
  if (t.length > 200) return `The name is ${t.length} characters long; keep it to 200.`;
  return undefined;
}
