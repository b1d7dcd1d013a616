import { registerCommand } from '../../ui/commandWrapper';
import { userJwt } from './jwtSteps';
import type { Services } from '../../services';

/** Vonage: Copy User JWT — as Generate User JWT, with `target` defaulting to 'clipboard'. */
export function registerCopyUserJwt(s: Services): void {
  registerCommand(s.context, 'vonage.copyUserJwt', s, (arg, inv) => userJwt(s, inv, arg, 'clipboard'));
}
