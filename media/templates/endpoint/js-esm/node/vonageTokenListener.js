import { authenticate, toVonageUser } from './vonageAuth.js';
import { answerTokenRequest, methodNotAllowed, problem, signingKeyOnce } from './vonageToken.js';

export const VONAGE_TOKEN_ROUTE = '/api/vonage/token';

/** A request listener: POST on the route answers with a token or a problem; anything else with 404 or 405. */
export function vonageTokenListener(options = {}) {
  const tokenOptions = {
    authenticate: options.authenticate ?? authenticate,
    toVonageUser: options.toVonageUser ?? toVonageUser,
    signingKey: signingKeyOnce(options.signingKey),
  };
  tokenOptions.signingKey(); // read and parse the key now, at start: a problem shows in the log before any request
  return (request, response) => {
    if (pathOf(request) !== VONAGE_TOKEN_ROUTE) {
      send(response, problem(404, 'Not Found', `This server answers POST ${VONAGE_TOKEN_ROUTE} only.`));
    } else if (request.method !== 'POST') {
      send(response, methodNotAllowed());
    } else {
      request.resume(); // the body is not read: the user comes from authenticate(), never from the request
      void answerTokenRequest(request, tokenOptions).then((answer) => send(response, answer));
    }
  };
}

/** The path the request asks for; '' for a request target that is no URL ("http://[", a port of 99999), which gets a 404. */
function pathOf(request) {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname;
  } catch {
    return ''; // thrown here, it would take the whole server down: one request would stop it for everyone
  }
}

function send(response, answer) {
  response.writeHead(answer.status, answer.headers).end(JSON.stringify(answer.body));
}
