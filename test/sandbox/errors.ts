// Error bodies exactly as the official documents define them
// (../shared/vonage-api/rooted/common/common_errors.yml, application.v2.rooted.yml, users.v1-prefixed-from-v0.3.yml).
import * as crypto from 'crypto';

export interface InvalidParameter { name: string; reason: string }

export interface ErrorReply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A 32-hex instance id, the shape the documents' examples use. */
export function instanceId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

// ---- Applications API v2 (and anything that is not the users API) ----

export function badCredentials(): ErrorReply {
  return {
    status: 401,
    body: {
      type: 'https://developer.vonage.com/api-errors#unauthorized',
      title: 'Invalid credentials supplied',
      detail: 'You did not provide correct credentials.',
      instance: instanceId(),
    },
  };
}

export function applicationNotFound(id: string): ErrorReply {
  return {
    status: 404,
    body: {
      type: 'https://developer.vonage.com/api-errors#not-found',
      title: 'Not Found',
      detail: `ID '${id}' does not exist, or you do not have access`,
      instance: instanceId(),
    },
  };
}

export function routeNotFound(method: string, path: string): ErrorReply {
  return {
    status: 404,
    body: {
      type: 'https://developer.vonage.com/api-errors#not-found',
      title: 'Not Found',
      detail: `The Vonage sandbox has no resource at ${method} ${path}`,
      instance: instanceId(),
    },
  };
}

export function methodNotAllowed(method: string): ErrorReply {
  return {
    status: 405,
    body: {
      type: 'https://developer.vonage.com/api-errors#wrong-verb',
      title: 'Request method not allowed',
      detail: `Request method '${method}' not supported`,
      instance: instanceId(),
    },
  };
}

export function notAcceptable(): ErrorReply {
  return {
    status: 406,
    body: {
      type: 'https://developer.vonage.com/api-errors#accept-header',
      title: 'Invalid Accept header',
      detail: "Invalid Accept header provided. Must be one of the following: 'application/json'",
      instance: instanceId(),
    },
  };
}

export function unsupportedContentType(): ErrorReply {
  return {
    status: 415,
    body: {
      type: 'https://developer.vonage.com/api-errors#content-type-header',
      title: 'Unsupported Content-Type header',
      detail: "Unsupported Content-Type header provided. Must be one of the following: 'application/json'",
      instance: instanceId(),
    },
  };
}

/** 400 of the applications API; `list` selects the list-validation type, otherwise payload-validation. */
export function applicationValidation(invalid: InvalidParameter[], list = false): ErrorReply {
  return {
    status: 400,
    body: {
      type: `https://developer.nexmo.com/api-errors/application#${list ? 'list-validation' : 'payload-validation'}`,
      title: 'Bad Request',
      detail: 'The request failed due to validation errors',
      invalid_parameters: invalid,
      instance: instanceId(),
    },
  };
}

export function throttled(retryAfterSeconds: number): ErrorReply {
  return {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: {
      type: 'https://developer.vonage.com/api-errors#throttled',
      title: 'Too many requests',
      detail: "Your account has reached it's API limit and has been throttled",
      instance: instanceId(),
      retry_after: retryAfterSeconds,
    },
  };
}

/** 409 in the shape of either API (injected: the Applications API documents none, the users API its duplicate name). */
export function conflict(users: boolean): ErrorReply {
  const detail = 'Another request changed this resource at the same time (injected by the sandbox).';
  if (users) return conflictUsers(detail);
  return { status: 409, body: { type: 'https://developer.vonage.com/api-errors#conflict', title: 'Conflict', detail, instance: instanceId() } };
}

function conflictUsers(detail: string): ErrorReply {
  return { status: 409, body: { title: 'Conflict.', type: 'https://developer.nexmo.com/api/conversation#system:error:conflict', code: 'system:error:conflict', detail, instance: instanceId() } };
}

export function serverError(status: number): ErrorReply {
  const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return {
    status,
    body: {
      type: 'https://developer.vonage.com/api-errors#internal-error',
      title: titles[status] ?? 'Server Error',
      detail: 'Something went wrong on the Vonage side (injected by the sandbox).',
      instance: instanceId(),
    },
  };
}

// ---- Users API (Conversation API error shape: adds `code`) ----

export function conversationError(status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}): ErrorReply {
  return {
    status,
    body: { title, type: `https://developer.nexmo.com/api/conversation#${code}`, code, detail, instance: instanceId(), ...extra },
  };
}

export function invalidToken(): ErrorReply {
  return conversationError(401, 'system:error:invalid-token', 'Unauthorized.', 'You did not provide a valid token. Please provide a valid token.');
}

/** A token Vonage refused: 401 with why (expired, bad signature, unknown application), or 403 (not allowed by the ACL). */
export function tokenRejected(status: 401 | 403, reason: string): ErrorReply {
  return status === 401
    ? conversationError(401, 'system:error:invalid-token', 'Unauthorized.', reason)
    : conversationError(403, 'system:error:forbidden', 'Forbidden.', reason);
}

export function userNotFound(): ErrorReply {
  return conversationError(404, 'user:error:not-found', 'Not found.', 'User does not exist, or you do not have access.');
}

export function duplicateUserName(): ErrorReply {
  return conversationError(409, 'user:error:duplicate-name', 'Conflict.',
    'The request failed because the user name already exists. Please provide a unique user name and try again.');
}

export function userValidation(invalid: InvalidParameter[]): ErrorReply {
  return conversationError(400, 'http:error:validation-fail', 'Bad request.', 'Input validation failure.', { invalid_parameters: invalid });
}

export function userServerError(status: number): ErrorReply {
  return conversationError(status, 'system:error:internal-error', 'Internal Error.', 'Something went wrong (injected by the sandbox).');
}

export function gatewayHtml(status: number): string {
  const titles: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
  const title = `${status} ${titles[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
