import { z } from 'zod';
import { organisationRoles } from '../../platform/actor.js';
import { languages } from '../../standard/languages.js';

/** A user's id (UUID). */
export const userId = z.uuid().describe('User id (UUID)');

/** An e-mail address, trimmed and lower-cased: the sign-in name. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid e-mail address.' }).max(254))
  .describe('E-mail address, used to sign in');

/**
 * A new password: 12 to 128 characters, any characters (ASVS 5.0 V6.2: no composition rules, long
 * passphrases allowed).
 */
export const newPassword = z
  .string()
  .min(12, { message: 'Use at least 12 characters.' })
  .max(128, { message: 'Use at most 128 characters.' })
  .describe('Password, 12 to 128 characters');

/** Body of `POST /api/v1/users`: adds a person to the organisation the admin acts for. */
export const createUserBody = z
  .object({
    /** Sign-in e-mail. If the person already has an account, they are added to the organisation. */
    email,
    /** Name shown to colleagues. */
    displayName: z.string().trim().min(1).max(200).describe('Name shown to colleagues'),
    /** Language of the web app for this person. */
    preferredLanguage: z.enum(languages).default('en').describe('Preferred language: en, es, fr or nl'),
    /** Role in the organisation. */
    role: z.enum(organisationRoles).describe('Role in the organisation'),
    /** Initial password for a new account; ignored when the account exists. */
    password: newPassword.optional(),
  })
  .strict();

/** Body of `PATCH /api/v1/users/:id/membership`. */
export const changeRoleBody = z.object({ role: z.enum(organisationRoles).describe('New role') }).strict();

/** A member of an organisation as administrators see them. */
export const memberView = z.object({
  id: userId,
  email: z.string().describe('E-mail address'),
  displayName: z.string().describe('Name'),
  preferredLanguage: z.string().describe('Preferred language'),
  role: z.enum(organisationRoles).describe('Role in this organisation'),
  totpEnabled: z.boolean().describe('Whether two-factor authentication is set up'),
  disabled: z.boolean().describe('Whether the account is disabled'),
  memberSince: z.string().describe('When they joined this organisation (ISO 8601)'),
});

export type CreateUserInput = z.input<typeof createUserBody>;
export type MemberView = z.infer<typeof memberView>;
