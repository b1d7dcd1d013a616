'use strict';
const { authenticate, toVonageUser } = require('./vonageAuth.js');
const { answerTokenRequest, methodNotAllowed, signingKeyOnce } = require('./vonageToken.js');

const VONAGE_TOKEN_ROUTE = '/api/vonage/token';

/** The token route: POST answers with a token or a problem, GET, PUT, PATCH and DELETE with 405. */
function registerVonageTokenRoute(app, options = {}) {
  const tokenOptions = {
    authenticate: options.authenticate ?? authenticate,
    toVonageUser: options.toVonageUser ?? toVonageUser,
    signingKey: signingKeyOnce(options.signingKey),
  };
  tokenOptions.signingKey(); // read and parse the key now, at start: a problem shows in the log before any request
  app.post(VONAGE_TOKEN_ROUTE, async (request, reply) => send(reply, await answerTokenRequest(request, tokenOptions)));
  app.route({ method: ['GET', 'PUT', 'PATCH', 'DELETE'], url: VONAGE_TOKEN_ROUTE, handler: (_request, reply) => send(reply, methodNotAllowed()) });
}

function send(reply, answer) {
  return reply.code(answer.status).headers(answer.headers).send(JSON.stringify(answer.body));
}

module.exports = { VONAGE_TOKEN_ROUTE, registerVonageTokenRoute };
