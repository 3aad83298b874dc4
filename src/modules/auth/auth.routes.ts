import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireSession } from '../../http/request-context.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.js';
import { presentSession } from './auth.presenter.js';
import {
  changePasswordBody,
  confirmTotpBody,
  loginBody,
  sessionView,
  startTotpBody,
  switchOrganisationBody,
  totpEnrolmentView,
} from './auth.schema.js';
import type { AuthService } from './auth.service.js';

const tags = ['auth'];

export interface AuthRouteOptions {
  auth: AuthService;
  /** Credential checks (sign-in, TOTP, password change) allowed per client address per minute. */
  credentialAttemptsPerMinute: number;
}

/** Sign-in, sign-out, the current session, switching organisation, TOTP set-up, password change. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (
  app,
  { auth, credentialAttemptsPerMinute },
) => {
  // Per client address, on top of the per-account lockout in the service.
  const signInRateLimit = { max: credentialAttemptsPerMinute, timeWindow: '1 minute' };
  app.post(
    '/auth/login',
    {
      config: { rateLimit: signInRateLimit },
      schema: { tags, summary: 'Sign in', body: loginBody, response: { 200: sessionView } },
    },
    async (request, reply) => {
      const signedIn = await auth.login(request.ctx, request.body);
      setSessionCookie(request, reply, signedIn.secret);
      return presentSession(await auth.describe(signedIn.actor, signedIn.session));
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 204: z.undefined() } } },
    async (request, reply) => {
      const { secret } = requireSession(request);
      await auth.logout(request.ctx, secret);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/session',
    { schema: { tags, summary: 'The signed-in session', response: { 200: sessionView } } },
    async (request) => {
      const { session, actor } = requireSession(request);
      return presentSession(await auth.describe(actor, session));
    },
  );

  app.post(
    '/auth/switch-organisation',
    {
      schema: {
        tags,
        summary: 'Act for another of your organisations',
        body: switchOrganisationBody,
        response: { 200: sessionView },
      },
    },
    async (request) => {
      const { secret } = requireSession(request);
      return presentSession(await auth.switchOrganisation(request.ctx, secret, request.body.orgId));
    },
  );

  app.post(
    '/auth/totp/enrol',
    {
      config: { rateLimit: signInRateLimit },
      schema: {
        tags,
        summary: 'Start setting up two-factor authentication (needs your password)',
        body: startTotpBody,
        response: { 200: totpEnrolmentView },
      },
    },
    async (request) => {
      requireSession(request);
      return auth.startTotpEnrolment(request.ctx, request.body.password);
    },
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: { rateLimit: signInRateLimit },
      schema: {
        tags,
        summary: 'Finish setting up two-factor authentication',
        body: confirmTotpBody,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      const { secret } = requireSession(request);
      await auth.confirmTotpEnrolment(request.ctx, secret, request.body.code);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password',
    {
      config: { rateLimit: signInRateLimit },
      schema: {
        tags,
        summary: 'Change your password',
        body: changePasswordBody,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      const { secret } = requireSession(request);
      await auth.changePassword(request.ctx, secret, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );
};
