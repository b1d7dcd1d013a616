'use strict';

/**
 * The signed-in user who sent `request`, or undefined when nobody is signed in.
 *
 * TODO(vonage): wire your sign-in here: read your session cookie or bearer token from the request and
 * return its user. Until then every token request is refused with 401: the endpoint denies by default.
 */
function authenticate(request) {
  void request; // read nothing from the request until your sign-in does
  return Promise.resolve(undefined);
}

/**
 * The Vonage user (the token's `sub`) one of your users logs in to the Client SDK as: a user of the
 * Vonage application (Vonage: Create User), derived from your own user, never a name taken from the request.
 */
function toVonageUser(user) {
  return user.id;
}

module.exports = { authenticate, toVonageUser };
