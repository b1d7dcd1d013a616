import { registerCommand } from '../../ui/commandWrapper';
import { userJwt } from './jwtSteps';
import type { Services } from '../../services';

/** Vonage: Generate User JWT — `{ applicationId, user, ttlSeconds?, acl?, target? = 'insert' }` → the token. */
export function registerGenerateUserJwt(s: Services): void {
  registerCommand(s.context, 'vonage.generateUserJwt', s, (arg, inv) => userJwt(s, inv, arg, 'insert'));
}
