import { registerCommand } from '../../ui/commandWrapper';
import { applicationJwt } from './jwtSteps';
import type { Services } from '../../services';

/** Vonage: Generate Application JWT — `{ applicationId, ttlSeconds?, acl?, target? = 'insert' }` → an admin token (no sub). */
export function registerGenerateApplicationJwt(s: Services): void {
  registerCommand(s.context, 'vonage.generateApplicationJwt', s, (arg, inv) => applicationJwt(s, inv, arg));
}
