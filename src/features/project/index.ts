import type { Services } from '../../services';
import { registerWriteEnv } from './writeEnv';

/** The app's project: its .env (key, secret, application id, key file, tokens) written safely and ignored by git. */
export function registerProjectFeature(s: Services): void {
  registerWriteEnv(s);
}
