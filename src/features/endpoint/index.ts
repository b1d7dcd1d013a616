import type { Services } from '../../services';
import { registerCheckTokenEndpoint } from './checkTokenEndpoint';
import { registerCreateTokenEndpoint } from './createTokenEndpoint';
import { EndpointVerdicts } from './endpointVerdictDocument';

/** The developer's backend: a token endpoint generated into it, and a check of a running one. */
export function registerEndpointFeature(s: Services): void {
  const verdicts = new EndpointVerdicts(s);
  s.context.subscriptions.push(verdicts.register());
  registerCreateTokenEndpoint(s);
  registerCheckTokenEndpoint(s, verdicts);
}
