import { Anchor, Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyNote, Loading } from '../stats/QueryState';
import { type ProjectView, useMatches } from './api';
import { DecisionBadge, LinkageError, MatchStatusBadge, percent } from './LinkageParts';

/**
 * The possible matches holding the organisation's records, for those who review them: how alike, the
 * state of each, the organisation's own decision, and which organisations of other countries are in
 * it. Never another party's record ids: the server does not give them.
 */
export function MatchList({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  const matches = useMatches(project.id, true);
  return (
    <Stack gap="xs" component="section" aria-labelledby="matches-heading">
      <Title order={3} id="matches-heading">
        {t('linkage.matches')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('linkage.matchesHelp')}
      </Text>
      {matches.isPending ? <Loading label={t('linkage.loadingMatches')} /> : null}
      {matches.error ? <LinkageError error={matches.error} /> : null}
      {matches.data?.length === 0 ? (
        <EmptyNote>{project.matchedAt ? t('linkage.noMatches') : t('linkage.notMatchedYet')}</EmptyNote>
      ) : null}
      {matches.data && matches.data.length > 0 ? (
        <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('linkage.matches')}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('linkage.matchesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('linkage.similarity')}</Table.Th>
                <Table.Th scope="col">{t('linkage.statusLabel')}</Table.Th>
                <Table.Th scope="col">{t('linkage.yourDecision')}</Table.Th>
                <Table.Th scope="col">{t('linkage.otherParties')}</Table.Th>
                <Table.Th scope="col">{t('linkage.review')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {matches.data.map((match, index) => (
                <Table.Tr key={match.id}>
                  <Table.Td>{percent(match.similarity, i18n.language)}</Table.Td>
                  <Table.Td>
                    <MatchStatusBadge status={match.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {match.own.map((member) => (
                        <DecisionBadge key={member.recordId} decision={member.decision} />
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {match.others
                      .map((other) => `${other.organisation.name} (${other.organisation.country})`)
                      .join(', ')}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/linkage/${project.id}?match=${match.id}`}>
                      {t('linkage.openReview', { number: index + 1 })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      ) : null}
    </Stack>
  );
}
