import type { Membership, User } from './users.repository.js';
import type { MemberView } from './users.schema.js';

/** What administrators see of a member. Never the password hash or TOTP secret. */
export function presentMember(user: User, membership: Membership): MemberView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    preferredLanguage: user.preferredLanguage,
    role: membership.role,
    totpEnabled: user.totpEnabledAt !== null,
    disabled: user.disabledAt !== null,
    memberSince: membership.createdAt.toISOString(),
  };
}
