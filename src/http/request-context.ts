import type { FastifyInstance, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../crypto/secrets.js';
import type { AuditService } from '../modules/audit/audit.service.js';
import type { Session } from '../modules/auth/auth.repository.js';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { Context, UserActor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { isLanguage, type Language } from '../standard/languages.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting and from where; set for every request before validation. */
    ctx: Context;
    /** The session cookie's secret and the session, when the request was authenticated by a session. */
    signedIn: { secret: string; session: Session } | null;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The header a cookie-authenticated write must carry, holding the session's CSRF token. */
export const csrfHeader = 'x-csrf-token';

/**
 * Resolves each API request's credentials into an actor: `Authorization: Bearer` (an API token) wins;
 * otherwise the session cookie. Cookie-authenticated writes must carry the session's CSRF token and,
 * when the browser says where it came from, come from this same origin.
 */
export function registerRequestContext(
  app: FastifyInstance,
  deps: { auth: AuthService; audit: AuditService },
): void {
  app.decorateRequest('ctx', null as unknown as Context); // replaced in onRequest before any handler runs
  app.decorateRequest('signedIn', null);
  app.addHook('onRequest', async (request, reply) => {
    request.ctx = {
      actor: null,
      origin: { requestId: request.id, clientAddress: request.ip },
      language: preferredLanguage(request.headers['accept-language']),
    };
    if (!isApiRequest(request)) return;
    const bearer = readBearer(request);
    if (bearer !== undefined) {
      const actor = await deps.auth.resolveToken(bearer);
      if (!actor) {
        await deps.audit.recordOutside(
          request.ctx,
          { action: 'auth.token', resourceType: 'api_token', orgId: null },
          'denied',
          'invalid_token',
        );
        throw new AppError('unauthenticated', 'The API token is not valid, has expired or was revoked.');
      }
      request.ctx.actor = actor;
      return;
    }
    const secret = readSessionCookie(request);
    const resolved = secret ? await deps.auth.resolveSession(secret) : undefined;
    if (secret && resolved) {
      request.ctx.actor = resolved.actor;
      request.signedIn = { secret, session: resolved.session };
    } else if (secret) {
      clearSessionCookie(request, reply);
    }
    if (!unsafeMethods.has(request.method)) return;
    await refuseCrossOrigin(request, deps.audit);
    if (resolved) await requireCsrfToken(request, resolved.session.csrfToken, deps.audit);
  });
}

/**
 * True for requests to the API. Decoded first, so "/%61pi/…" cannot pass as a non-API path and miss
 * the credential checks and the no-store header.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const raw = request.url.split('?', 1)[0] ?? '';
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    path = raw;
  }
  return path.startsWith('/api/') || request.routeOptions.url?.startsWith('/api/') === true;
}

function readBearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1])
    throw new AppError('unauthenticated', 'Send the token as "Authorization: Bearer <token>".');
  return match[1];
}

async function requireCsrfToken(
  request: FastifyRequest,
  expected: string,
  audit: AuditService,
): Promise<void> {
  const sent = request.headers[csrfHeader];
  if (typeof sent === 'string' && constantTimeEqual(sent, expected)) return;
  await audit.recordOutside(request.ctx, csrfEvent(request), 'denied', 'csrf_rejected');
  throw new AppError(
    'csrf_rejected',
    'This request lacks the security token of your session. Reload the page and try again.',
  );
}

/** Browsers send Origin on cross-site writes; when it names another host, refuse. */
async function refuseCrossOrigin(request: FastifyRequest, audit: AuditService): Promise<void> {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  // request.host honours X-Forwarded-Host from trusted proxies only.
  if (host !== undefined && host === request.host) return;
  // Refusals on routes that do not exist are not worth a permanent audit row (anyone could fill the log).
  if (request.routeOptions.url)
    await audit.recordOutside(request.ctx, csrfEvent(request), 'denied', 'cross_origin');
  throw new AppError('csrf_rejected', 'Requests from other sites are refused.');
}

/** A refused write, by route pattern (never the raw path: it is the caller's text, of any length). */
function csrfEvent(request: FastifyRequest) {
  return {
    action: 'http.write',
    resourceType: 'request',
    details: { method: request.method, route: request.routeOptions.url ?? 'unknown' },
  };
}

/** The session of a request signed in with a cookie; 401 for API tokens and anonymous requests. */
export function requireSession(request: FastifyRequest): {
  secret: string;
  session: Session;
  actor: UserActor;
} {
  const actor = request.ctx.actor;
  if (!request.signedIn || actor?.kind !== 'user') {
    throw new AppError('unauthenticated', 'Sign in with your password first (API tokens cannot do this).');
  }
  return { ...request.signedIn, actor };
}

/** The first language of an Accept-Language header that Coral speaks, else English. */
export function preferredLanguage(header: string | undefined): Language {
  for (const part of (header ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}
