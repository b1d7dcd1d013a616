import vscode = require('vscode');
import type { Services } from '../../services';
import { registerCopyTokenClaims } from './copyTokenClaims';
import { registerCopyUserJwt } from './copyUserJwt';
import { registerGenerateApplicationJwt } from './generateApplicationJwt';
import { registerGenerateUserJwt } from './generateUserJwt';
import { registerInspectJwt } from './inspectJwt';
import { JWT_SCHEME } from './lens/jwtDocuments';
import { registerRegenerateToken } from './regenerateToken';
import { registerRenewTokens } from './renewTokens';

/** Tokens: generate user and application JWTs; the token lens (hover, CodeLens, diagnostics, quick fixes), inspect, renew. */
export function registerTokensFeature(s: Services): void {
  registerGenerateUserJwt(s);
  registerCopyUserJwt(s);
  registerGenerateApplicationJwt(s);
  registerRegenerateToken(s);
  registerRenewTokens(s);
  registerInspectJwt(s);
  registerCopyTokenClaims(s);
  s.context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(JWT_SCHEME, s.jwtDocuments));
}
