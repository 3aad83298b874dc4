import type { z } from 'zod';
import type { groupView, projectView, recordLinkView } from './linkage.schema.js';
import type { GroupView, ProjectView, RecordLink } from './linkage.service.js';

/**
 * What leaves the server about linkage: allow-lists. A project shows its parties (organisation,
 * country, counts), never encodings or the secret's fingerprint; a group shows the caller's own record
 * ids and of the other parties only who they are and whether they decided.
 */
export function presentProject({
  project,
  organisations,
  allowed,
}: ProjectView): z.input<typeof projectView> {
  const organisation = (id: string) => {
    const found = organisations.get(id);
    return { id, name: found?.name ?? id, country: found?.country ?? '' };
  };
  return {
    id: project.id,
    name: project.name,
    kind: project.kind,
    threshold: project.threshold,
    status: project.status,
    owner: organisation(project.ownerOrgId),
    schema: project.schema,
    secretAgreed: project.secretFingerprint !== null,
    matchedAt: project.matchedAt?.toISOString() ?? null,
    createdAt: project.createdAt.toISOString(),
    parties: project.parties.map((party) => ({
      organisation: organisation(party.orgId),
      status: party.status,
      encodings: party.encodings,
      uploadedAt: party.uploadedAt?.toISOString() ?? null,
    })),
    allowed: { ...allowed },
  };
}

export function presentGroup(group: GroupView): z.input<typeof groupView> {
  return {
    id: group.id,
    similarity: round(group.similarity),
    status: group.status,
    own: group.own.map((member) => ({
      recordId: member.recordId,
      similarity: round(member.similarity),
      decision: member.decision,
      note: member.note,
      decidedAt: member.decidedAt?.toISOString() ?? null,
    })),
    others: group.others.map((other) => ({
      organisation: { ...other.organisation },
      decision: other.decision,
    })),
  };
}

export function presentLink(link: RecordLink): z.input<typeof recordLinkView> {
  return {
    projectId: link.projectId,
    projectName: link.projectName,
    groupId: link.groupId,
    confirmedAt: link.confirmedAt?.toISOString() ?? null,
    organisations: link.organisations.map((o) => ({ ...o })),
  };
}

/** Similarities to four decimals: enough to rank, no false precision. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
