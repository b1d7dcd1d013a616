import { registerCommand } from '../../ui/commandWrapper';
import type { Services } from '../../services';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken

/** Why Send Text Message is gone, in one sentence (the notice heads every In-App Messaging page of Vonage's documentation). */
const TEXT_MESSAGES_RETIRED = 'Send Text Message is gone: Vonage discontinued In-App Messaging on 30 April 2026, so conversations carry calls now, not text messages (try Vonage: Call a User).';

/**
 * Vonage: Send Text Message — retired. The command id stays registered (hidden from the palette and the
 * menus) so that an old keybinding or script gets the reason instead of "command not found": a person is
 * told, a script gets it as the error. It works signed out: there is nothing to sign in for.
 */
export function registerSendTextMessage(s: Services): void {
  registerCommand(s.context, 'vonage.sendTextMessage', s, (_arg, inv) => {
    if (inv.scripted) return Promise.reject(new VonageInputError(TEXT_MESSAGES_RETIRED));
    void inv.ui.warn(TEXT_MESSAGES_RETIRED);
    return Promise.resolve(undefined);
  }, { worksSignedOut: true });
}
