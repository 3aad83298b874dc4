import { z } from 'zod';
import { organisationRoles } from '../../platform/actor.js';
import { organisationView } from '../organisations/organisations.schema.js';
import { email, newPassword } from '../users/users.schema.js';

/** Body of `POST /api/v1/auth/login`. */
export const loginBody = z
  .object({
    /** The e-mail address the account was created with. */
    email,
    /** The account's password. */
    password: z.string().min(1).max(1024).describe('Password'),
    /** The 6-digit code from the authenticator app, when two-factor authentication is set up. */
    totp: z
      .string()
      .trim()
      .max(16)
      .optional()
      .describe('6-digit code from the authenticator app, if enrolled'),
    /** The organisation to act for; the first one the user belongs to when absent. */
    orgId: z.uuid().optional().describe('Organisation to act for (default: the first membership)'),
  })
  .strict();

/** Body of `POST /api/v1/auth/switch-organisation`. */
export const switchOrganisationBody = z
  .object({ orgId: z.uuid().describe('Organisation to act for') })
  .strict();

/** Body of `POST /api/v1/auth/totp/enrol`: the password again, so a stolen session cannot set up its own second factor. */
export const startTotpBody = z
  .object({ password: z.string().min(1).max(1024).describe('Your password') })
  .strict();

/** Body of `POST /api/v1/auth/totp/confirm`. */
export const confirmTotpBody = z
  .object({ code: z.string().trim().max(16).describe('6-digit code from the authenticator app') })
  .strict();

/** Body of `POST /api/v1/auth/password`. */
export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(1024).describe('The password used now'),
    newPassword,
  })
  .strict();

/** The signed-in session: who, for which organisation, and the CSRF token writes must carry. */
export const sessionView = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    preferredLanguage: z.string(),
    platformAdmin: z.boolean().describe('Manages organisations on this platform'),
    totpEnabled: z.boolean().describe('Two-factor authentication is set up'),
  }),
  organisation: organisationView.nullable().describe('The organisation the user acts for now'),
  role: z.enum(organisationRoles).nullable().describe('Role in that organisation'),
  memberships: z
    .array(z.object({ organisation: organisationView, role: z.enum(organisationRoles) }))
    .describe('Every organisation the user belongs to, to switch between'),
  mfa: z.boolean().describe('This session passed a two-factor check'),
  mfaEnrolmentRequired: z
    .boolean()
    .describe(
      'The user administers an organisation or the platform and must set up two-factor authentication',
    ),
  csrfToken: z.string().describe('Send in the X-CSRF-Token header on every POST, PATCH, PUT and DELETE'),
  permissions: z
    .record(
      z.string(),
      z.object({
        write: z.boolean(),
        delete: z.boolean(),
        identifying: z.boolean(),
        import: z.boolean(),
        export: z.boolean(),
        exportIdentifying: z.boolean(),
      }),
    )
    .describe(
      'What this session may do with each kind of record, for the interface to offer (the server decides)',
    ),
});

/** Answer to `POST /api/v1/auth/totp/enrol`. */
export const totpEnrolmentView = z.object({
  secret: z.string().describe('Base32 secret, for typing into an authenticator app'),
  uri: z.string().describe('otpauth:// URI, for a QR code'),
});

export type SessionView = z.infer<typeof sessionView>;
