// The API secrets stored in this VS Code, wherever they appear as literals. The secrets come in as
// arguments and are only compared, never copied into a finding or a message.
import { enclosingLiteral, type SecretFinding } from './finding';

/** Shorter values are not compared: they would match ordinary text. */
const MIN_STORED_SECRET_LENGTH = 8;

export function findStoredSecrets(text: string, secrets: readonly string[]): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const secret of new Set(secrets)) {
    if (secret.length < MIN_STORED_SECRET_LENGTH) continue;
    for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + secret.length)) {
      const end = i + secret.length;
      out.push({ kind: 'apiSecret', detail: 'storedSecret', start: i, end, literal: enclosingLiteral(text, i, end) });
    }
  }
  return out;
}
