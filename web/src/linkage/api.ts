import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SessionView } from '../api/session';

/** What a project links: victims (THB cases, gated by consent) or suspects (offender records). */
export type LinkageKind = 'thbCase' | 'offender';

/** A party's answer to its invitation. */
export type PartyStatus = 'invited' | 'accepted' | 'declined';

/** A party's decision on its side of a match, and a match's overall state. */
export type Decision = 'pending' | 'confirmed' | 'rejected';

/** An organisation as linkage shows it: who it is and where, nothing more. */
export interface LinkageOrganisation {
  id: string;
  name: string;
  country: string;
}

/** An organisation of another country a project could invite (`GET /linkage/partners`). */
export interface PartnerView extends LinkageOrganisation {
  type: string;
}

/** A project as a party sees it (`GET /linkage/projects/:id`). */
export interface ProjectView {
  id: string;
  name: string;
  kind: LinkageKind;
  /** Smallest Dice similarity that makes a possible match, from 0 to 1. */
  threshold: number;
  status: 'open' | 'closed';
  owner: LinkageOrganisation;
  /** True once a party has uploaded: later encodings must be made with the same secret. */
  secretAgreed: boolean;
  matchedAt: string | null;
  createdAt: string;
  parties: Array<{
    organisation: LinkageOrganisation;
    status: PartyStatus;
    encodings: number;
    uploadedAt: string | null;
  }>;
  /** What the signed-in person may do with this project (the server enforces it). */
  allowed: { view: boolean; manage: boolean; upload: boolean; review: boolean };
}

/** A possible match holding the organisation's records: its own record ids, of the others only who they are. */
export interface MatchView {
  id: string;
  /** The weakest member's similarity, from 0 to 1. */
  similarity: number;
  /** Confirmed once every party confirmed; rejected once one rejected. */
  status: Decision;
  own: Array<{
    recordId: string;
    similarity: number;
    decision: Decision;
    note: string | null;
    decidedAt: string | null;
  }>;
  others: Array<{ organisation: LinkageOrganisation; decision: Decision }>;
}

/** A confirmed link of one record to records of other countries, for referral. */
export interface RecordLinkView {
  projectId: string;
  projectName: string;
  groupId: string;
  confirmedAt: string | null;
  organisations: LinkageOrganisation[];
}

export interface CreateProjectInput {
  name: string;
  kind: LinkageKind;
  threshold: number;
  partners: string[];
}

/** One line of a file made by `coral link encode`. */
export interface Encoding {
  id: string;
  clk: string;
}

/** What making encodings from the organisation's records did. */
export interface GenerateResult extends ProjectView {
  encoded: number;
  withoutConsent: number;
  failed: number;
}

const base = '/api/v1/linkage';

const keys = {
  partners: ['linkage', 'partners'] as const,
  projects: ['linkage', 'projects'] as const,
  one: (id: string) => ['linkage', 'project', id] as const,
  matches: (id: string) => ['linkage', 'matches', id] as const,
  links: (kind: LinkageKind, recordId: string) => ['linkage', 'links', kind, recordId] as const,
};

/**
 * Whether to offer setting up projects and answering invitations: administrators and data officers.
 * The server decides; this only avoids offering what it would refuse.
 */
export function canManageLinkage(session: SessionView): boolean {
  return session.role === 'admin' || session.role === 'data-officer';
}

/** Organisations of other countries a new project could invite (those who manage only). */
export function usePartners(enabled: boolean) {
  return useQuery({
    queryKey: keys.partners,
    queryFn: () => api<PartnerView[]>('GET', `${base}/partners`),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The projects the organisation takes part in. */
export function useProjects() {
  return useQuery({ queryKey: keys.projects, queryFn: () => api<ProjectView[]>('GET', `${base}/projects`) });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: () => api<ProjectView>('GET', `${base}/projects/${id}`),
    retry: false,
  });
}

/** The possible matches holding the organisation's records (those who review only). */
export function useMatches(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.matches(id),
    queryFn: () => api<MatchView[]>('GET', `${base}/projects/${id}/matches`),
    enabled,
    retry: false,
  });
}

/**
 * A record's confirmed links to other countries. Roles that may not see them get a 404, which here
 * means "nothing to show": no retry, and the caller shows nothing on error.
 */
export function useRecordLinks(kind: LinkageKind, recordId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.links(kind, recordId),
    queryFn: () => api<RecordLinkView[]>('GET', `${base}/links/${kind}/${recordId}`),
    enabled,
    retry: false,
  });
}

/** After a change to a project: its new state kept, the list and matches asked again. */
function useSettle(id: string) {
  const client = useQueryClient();
  return (project?: ProjectView) => {
    if (project) client.setQueryData(keys.one(id), withoutExtras(project));
    void client.invalidateQueries({ queryKey: keys.projects });
    void client.invalidateQueries({ queryKey: keys.matches(id) });
  };
}

/** A project view without the counts some answers add to it. */
function withoutExtras(project: ProjectView): ProjectView {
  const {
    encoded: _e,
    withoutConsent: _w,
    failed: _f,
    groups: _g,
    ...view
  } = project as ProjectView & {
    encoded?: number;
    withoutConsent?: number;
    failed?: number;
    groups?: number;
  };
  return view;
}

/** Sets up a project and invites organisations of other countries. */
export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProjectInput) => api<ProjectView>('POST', `${base}/projects`, input),
    onSuccess: (project) => {
      client.setQueryData(keys.one(project.id), project);
      void client.invalidateQueries({ queryKey: keys.projects });
    },
  });
}

/** Accepts or declines the organisation's invitation. */
export function useRespond(id: string) {
  const settle = useSettle(id);
  return useMutation({
    mutationFn: (accept: boolean) => api<ProjectView>('POST', `${base}/projects/${id}/respond`, { accept }),
    onSuccess: settle,
  });
}

/** Uploads encodings made with `coral link encode`, replacing earlier ones (all or nothing). */
export function useUploadEncodings(id: string) {
  const settle = useSettle(id);
  return useMutation({
    mutationFn: (input: { fingerprint: string; encodings: Encoding[] }) =>
      api<ProjectView>('PUT', `${base}/projects/${id}/encodings`, input),
    onSuccess: settle,
  });
}

/** Has Coral make the encodings from the organisation's consented records; the secret is not stored. */
export function useGenerateEncodings(id: string) {
  const settle = useSettle(id);
  return useMutation({
    mutationFn: (secret: string) =>
      api<GenerateResult>('POST', `${base}/projects/${id}/encodings/generate`, { secret }),
    onSuccess: settle,
  });
}

/** Compares the parties' encodings and finds possible matches. */
export function useRunMatching(id: string) {
  const settle = useSettle(id);
  return useMutation({
    mutationFn: () => api<ProjectView & { groups: number }>('POST', `${base}/projects/${id}/match`),
    onSuccess: settle,
  });
}

/** Closes the project: encodings deleted, matches and reviews kept. */
export function useCloseProject(id: string) {
  const settle = useSettle(id);
  return useMutation({
    mutationFn: () => api<ProjectView>('POST', `${base}/projects/${id}/close`),
    onSuccess: settle,
  });
}

/** Confirms or rejects the organisation's side of a possible match. */
export function useReviewMatch(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { groupId: string; decision: 'confirmed' | 'rejected'; note?: string }) =>
      api<MatchView>('POST', `${base}/projects/${id}/matches/${input.groupId}/review`, {
        decision: input.decision,
        ...(input.note ? { note: input.note } : {}),
      }),
    onSuccess: (match) => {
      client.setQueryData<MatchView[]>(keys.matches(id), (list) =>
        list?.map((item) => (item.id === match.id ? match : item)),
      );
      void client.invalidateQueries({ queryKey: keys.matches(id) });
      void client.invalidateQueries({ queryKey: ['linkage', 'links'] });
    },
  });
}
