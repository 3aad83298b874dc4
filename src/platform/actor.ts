import type { Language } from '../standard/languages.js';

/** Roles a user can hold in an organisation, weakest last. A user has one role per organisation. */
export const organisationRoles = [
  'admin',
  'data-officer',
  'case-worker',
  'investigator',
  'analyst',
  'viewer',
] as const;

export type OrganisationRole = (typeof organisationRoles)[number];

/** Every role id, including the platform-level one that manages organisations. */
export const allRoles = [...organisationRoles, 'platform-admin'] as const;

export type RoleId = (typeof allRoles)[number];

/** Who is acting, for whom, and how they proved it. Built once per request (or CLI run). */
export type Actor = UserActor | OperatorActor;

/** A signed-in person (session) or a machine client using one person's API token. */
export interface UserActor {
  kind: 'user';
  userId: string;
  /** The organisation the user acts for now; null when they have no membership (a platform admin). */
  orgId: string | null;
  /** The user's role in `orgId`. */
  role: OrganisationRole | null;
  platformAdmin: boolean;
  /** True when this session passed a TOTP check. API tokens never count as MFA. */
  mfa: boolean;
  via: { type: 'session' } | { type: 'token'; tokenId: string };
}

/** Someone with shell access to the server, running the `coral` command. Trusted like the database owner. */
export interface OperatorActor {
  kind: 'operator';
  /** The operating-system account, for the audit log. */
  name: string;
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  requestId: string | null;
  clientAddress: string | null;
}

export function isOrganisationRole(value: string): value is OrganisationRole {
  return (organisationRoles as readonly string[]).includes(value);
}

/** What every service entry point receives: who acts (null before sign-in) and from where. */
export interface Context {
  actor: Actor | null;
  origin: RequestOrigin;
  /** The language messages to this actor should be in (from Accept-Language); English by default. */
  language?: Language;
}

/** A context for work started from the command line. */
export function operatorContext(name: string): Context {
  return { actor: { kind: 'operator', name }, origin: { requestId: null, clientAddress: null } };
}

/** True for a user who is an administrator of `orgId` and proved it with TOTP in this session. */
export function isVerifiedOrgAdmin(actor: Actor, orgId: string): boolean {
  return actor.kind === 'user' && actor.mfa && actor.orgId === orgId && actor.role === 'admin';
}

/** True for a platform administrator who proved it with TOTP in this session. */
export function isVerifiedPlatformAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.mfa && actor.platformAdmin;
}

/** How an actor is named in `created_by` columns: a user's id, or `cli:` and the operator's account. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'operator' ? `cli:${actor.name}` : actor.userId;
}
