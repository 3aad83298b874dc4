import type { FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie's name. */
export const sessionCookie = 'coral_session';

/**
 * Sets the session cookie: httpOnly (scripts cannot read it), SameSite=Lax (other sites' forms do not
 * send it), Secure whenever the request came over https. No expiry: the server ends sessions itself.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(sessionCookie, secret, {
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
