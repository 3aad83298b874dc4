import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recordKinds } from '../../../src/standard/record-views';
import { Loading } from '../stats/QueryState';
import { type MatchView, type ProjectView, useMatches, useReviewMatch } from './api';
import { countryName, DecisionBadge, LinkageError, MatchStatusBadge, percent } from './LinkageParts';
import { OwnRecord } from './OwnRecord';

/**
 * The review of one possible match, side by side: on the left the reviewer's own record (read through
 * the records API, so fields the role may not see stay hidden); on the right the other parties — who
 * they are and what they decided, never their records. Then the organisation's decision, with a note.
 */
export function MatchReview({ project, matchId }: { project: ProjectView; matchId: string }) {
  const { t, i18n } = useTranslation();
  const matches = useMatches(project.id, true);
  const back = (
    <Anchor component={Link} to={`/linkage/${project.id}`} size="sm">
      {t('linkage.backToProject', { name: project.name })}
    </Anchor>
  );
  if (matches.isPending) return <Loading label={t('linkage.loadingMatches')} />;
  const match = matches.data?.find((m) => m.id === matchId);
  if (!match) {
    return (
      <Stack>
        {back}
        {matches.error ? (
          <LinkageError error={matches.error} />
        ) : (
          <Alert color="red" role="alert">
            {t('linkage.matchNotFound')}
          </Alert>
        )}
      </Stack>
    );
  }
  return (
    <Stack maw={1100}>
      {back}
      <Group gap="sm">
        <Title order={2}>{t('linkage.reviewTitle')}</Title>
        <MatchStatusBadge status={match.status} />
      </Group>
      <Text size="sm">
        {t('linkage.similarityOf', { similarity: percent(match.similarity, i18n.language) })}{' '}
        {t('linkage.similarityHelp', { threshold: percent(project.threshold, i18n.language) })}
      </Text>
      {match.status === 'confirmed' ? (
        <Alert color="green" role="status" title={t('linkage.match_confirmed')}>
          {t('linkage.linkedHelp')}
        </Alert>
      ) : null}
      {match.status === 'rejected' ? (
        <Alert color="gray" role="status" title={t('linkage.match_rejected')}>
          {t('linkage.rejectedHelp')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="own-heading">
          <Stack gap="sm">
            <Title order={3} id="own-heading">
              {t('linkage.yourRecord')}
            </Title>
            {match.own.map((member) => (
              <Stack key={member.recordId} gap="xs">
                <OwnRecord kind={project.kind} recordId={member.recordId} />
                <Group gap="xs">
                  <Text size="sm">{t('linkage.yourDecision')}:</Text>
                  <DecisionBadge decision={member.decision} />
                </Group>
                {member.note ? <Text size="sm">{t('linkage.noteShown', { note: member.note })}</Text> : null}
                <Anchor
                  component={Link}
                  to={`/records/${recordKinds[project.kind].segment}/${member.recordId}`}
                  size="sm"
                >
                  {t('linkage.openRecord')}
                </Anchor>
              </Stack>
            ))}
          </Stack>
        </Paper>
        <OtherParties match={match} />
      </SimpleGrid>
      {project.status === 'open' && match.status === 'pending' ? (
        <Decide projectId={project.id} match={match} />
      ) : null}
    </Stack>
  );
}

function OtherParties({ match }: { match: MatchView }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="others-heading">
      <Stack gap="sm">
        <Title order={3} id="others-heading">
          {t('linkage.otherParties')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('linkage.othersHelp')}
        </Text>
        <Table>
          <Table.Caption>{t('linkage.othersCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('linkage.organisation')}</Table.Th>
              <Table.Th scope="col">{t('linkage.country')}</Table.Th>
              <Table.Th scope="col">{t('linkage.theirDecision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {match.others.map((other) => (
              <Table.Tr key={other.organisation.id}>
                <Table.Th scope="row" fw="normal">
                  {other.organisation.name}
                </Table.Th>
                <Table.Td>{countryName(other.organisation.country, i18n.language)}</Table.Td>
                <Table.Td>
                  <DecisionBadge decision={other.decision} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** The organisation's decision on its side of the match, with an optional note (no names). */
function Decide({ projectId, match }: { projectId: string; match: MatchView }) {
  const { t } = useTranslation();
  const review = useReviewMatch(projectId);
  const [note, setNote] = useState(match.own[0]?.note ?? '');
  const decide = (decision: 'confirmed' | 'rejected') =>
    review.mutate({ groupId: match.id, decision, note: note.trim() || undefined });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decide-heading">
      <Stack gap="sm">
        <Title order={3} id="decide-heading">
          {t('linkage.decideTitle')}
        </Title>
        <Text size="sm">{t('linkage.decideHelp')}</Text>
        <Textarea
          label={t('linkage.note')}
          description={t('linkage.noteHelp')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={2}
        />
        <Group>
          <Button
            onClick={() => decide('confirmed')}
            loading={review.isPending && review.variables?.decision === 'confirmed'}
            disabled={review.isPending}
          >
            {t('linkage.confirm')}
          </Button>
          <Button
            variant="default"
            color="red.8"
            onClick={() => decide('rejected')}
            loading={review.isPending && review.variables?.decision === 'rejected'}
            disabled={review.isPending}
          >
            {t('linkage.reject')}
          </Button>
        </Group>
        {review.isSuccess && review.data.status === 'pending' ? (
          <Alert color="green" role="status">
            {t('linkage.decisionSaved')}
          </Alert>
        ) : null}
        {review.error ? <LinkageError error={review.error} /> : null}
      </Stack>
    </Paper>
  );
}
