import { Alert, Badge, List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { countries } from '../../../src/standard/codelists/countries';
import { ApiError } from '../api/client';
import { codeLabel, standardLanguage } from '../standard-ui/describe';
import type { Decision, PartyStatus, ProjectView } from './api';

/** How many of a refusal's problems to list; the rest are counted. */
const shownIssues = 10;

/** A country's name in the interface language, from its ISO code. */
export function countryName(code: string, language: string): string {
  return codeLabel(countries, code, standardLanguage(language));
}

/** A similarity from 0 to 1 as people read it: "87%". */
export function percent(similarity: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(similarity);
}

/** Badges here sit in narrow table cells: their words are never cut to an ellipsis. */
const wholeLabel = { label: { overflow: 'visible' } } as const;
/** A party's badge holds an organisation's name: it wraps rather than being cut. */
const wrappingLabel = {
  root: { height: 'auto', maxWidth: '100%' },
  label: { overflow: 'visible', whiteSpace: 'normal' },
} as const;

const partyColour: Record<PartyStatus, string> = { invited: 'yellow', accepted: 'green', declined: 'gray' };
const decisionColour: Record<Decision, string> = { pending: 'yellow', confirmed: 'green', rejected: 'red' };

/** A project's state: open for uploads, matching and review, or closed. */
export function ProjectStatusBadge({ status }: { status: ProjectView['status'] }) {
  const { t } = useTranslation();
  return (
    // A tint for the meaning, near-black text for contrast.
    <Badge color={status === 'open' ? 'blue' : 'gray'} variant="light" c="dark.9" styles={wholeLabel}>
      {t(`linkage.status_${status}`)}
    </Badge>
  );
}

/** A party with its answer to the invitation, e.g. "Guyana Shelter (GY): invited". */
export function PartyBadge({ party }: { party: ProjectView['parties'][number] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={partyColour[party.status]}
      variant="light"
      c="dark.9"
      tt="none"
      py={2}
      styles={wrappingLabel}
    >
      {t('linkage.partyBadge', {
        name: party.organisation.name,
        country: party.organisation.country,
        status: t(`linkage.party_${party.status}`),
      })}
    </Badge>
  );
}

export function PartyStatusBadge({ status }: { status: PartyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={partyColour[status]} variant="light" c="dark.9" styles={wholeLabel}>
      {t(`linkage.party_${status}`)}
    </Badge>
  );
}

/** One party's decision on its side of a match. */
export function DecisionBadge({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  return (
    <Badge color={decisionColour[decision]} variant="light" c="dark.9" styles={wholeLabel}>
      {t(`linkage.decision_${decision}`)}
    </Badge>
  );
}

/** A match's overall state: awaiting review, linked (every party confirmed) or rejected. */
export function MatchStatusBadge({ status }: { status: Decision }) {
  const { t } = useTranslation();
  return (
    <Badge color={decisionColour[status]} variant="light" c="dark.9" styles={wholeLabel}>
      {t(`linkage.match_${status}`)}
    </Badge>
  );
}

/**
 * What to tell people about a refused request: the server's own message where it says precisely what
 * is wrong (validation, conflict, a bad secret), a translated sentence otherwise.
 */
export function linkageErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'forbidden':
      return t('linkage.errorForbidden');
    case 'not_found':
      return t('linkage.errorNotFound');
    case 'unauthenticated':
      return t('stats.errorSignedOut');
    case 'validation_failed':
    case 'conflict':
    case 'bad_request':
    case 'payload_too_large':
      return error.message;
    default:
      return t('errors.generic');
  }
}

interface Issue {
  path: string;
  message: string;
}

/**
 * A refused request, said plainly, with up to ten of the problems the server listed. `where` names the
 * place of a problem from its path (e.g. "Line 4" for an encoding).
 */
export function LinkageError({ error, where }: { error: unknown; where?: (path: string) => string | null }) {
  const { t } = useTranslation();
  const issues =
    error instanceof ApiError && Array.isArray(error.details?.issues)
      ? (error.details.issues as Issue[])
      : [];
  return (
    <Alert color="red" role="alert">
      <Text size="sm">{linkageErrorMessage(error, t)}</Text>
      {issues.length > 0 ? (
        <List size="sm" mt="xs">
          {issues.slice(0, shownIssues).map((issue) => {
            const place = where?.(issue.path) ?? (issue.path || null);
            return (
              <List.Item key={`${issue.path}-${issue.message}`}>
                {place ? `${place}: ${issue.message}` : issue.message}
              </List.Item>
            );
          })}
        </List>
      ) : null}
      {issues.length > shownIssues ? (
        <Text size="sm" mt="xs">
          {t('linkage.moreIssues', { count: issues.length - shownIssues })}
        </Text>
      ) : null}
    </Alert>
  );
}
