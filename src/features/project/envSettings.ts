import vscode = require('vscode');
import { variableNameProblem } from '../../vonage/dotenv/envEditor';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken

/** The variable names `.env` gets, from the setting vonage.env.names (Vonage's own samples' names by default). */
export interface EnvNames {
  readonly applicationId: string;
  readonly privateKey: string;
  readonly jwt: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

const DEFAULT_ENV_NAMES: EnvNames = {
  applicationId: 'VONAGE_APPLICATION_ID',
  privateKey: 'VONAGE_PRIVATE_KEY',
  jwt: 'VONAGE_JWT',
  apiKey: 'VONAGE_API_KEY',
  apiSecret: 'VONAGE_API_SECRET',
};

/** The names in effect; a name in the setting that cannot be a variable is named as the setting's problem. */
export function envNames(): EnvNames {
  const configured = vscode.workspace.getConfiguration('vonage.env').get<Record<string, unknown>>('names') ?? {};
  const out: Record<string, string> = { ...DEFAULT_ENV_NAMES };
  for (const key of Object.keys(DEFAULT_ENV_NAMES)) {
    const v = configured[key];
    if (v === undefined || v === null || v === '') continue;
    const problem = typeof v === 'string' ? variableNameProblem(v) : 'it is not text.';
    if (problem) throw new VonageInputError(`The setting vonage.env.names.${key} is not usable: ${problem} Change the setting, or remove it to use ${DEFAULT_ENV_NAMES[key as keyof EnvNames]}.`, 'names');
    out[key] = v as string;
  }
  return out as unknown as EnvNames;
}
