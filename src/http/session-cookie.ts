import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie's name over http. */
export const sessionCookie = 'coral_session';

/**
 * Its name over https: the __Host- prefix makes browsers refuse it unless Secure, for this host only,
 * path /, so a sibling subdomain cannot plant one.
 */
export const secureSessionCookie = '__Host-coral_session';

/** The session secret a request carries, under either name. */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies[secureSessionCookie] ?? request.cookies[sessionCookie];
}

const nameFor = (request: FastifyRequest) =>
  request.protocol === 'https' ? secureSessionCookie : sessionCookie;

/**
 * Sets the session cookie: httpOnly (scripts cannot read it), SameSite=Lax (other sites' forms do not
 * send it), Secure whenever the request came over https. No expiry: the server ends sessions itself.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(nameFor(request), secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}
