import { Alert, Anchor, Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SessionView } from '../api/session';
import { Loading } from '../stats/QueryState';
import { type ProjectView, useProject } from './api';
import { EncodingForms } from './EncodingForms';
import { countryName, LinkageError, PartyStatusBadge, ProjectStatusBadge, percent } from './LinkageParts';
import { MatchList } from './MatchList';
import { MatchReview } from './MatchReview';
import { Invitation, ProjectActions } from './ProjectActions';

/**
 * One linkage project as a party sees it: its parties and their encodings, the invitation to answer,
 * the ways to provide the organisation's encodings, matching and closing for those who manage, and
 * the possible matches for those who review. `?match=<id>` opens the review of one match.
 */
export function LinkageProjectPage({ id, session }: { id: string; session: SessionView }) {
  const { t } = useTranslation();
  const project = useProject(id);
  const [params] = useSearchParams();
  const matchId = params.get('match');
  if (project.isPending) return <Loading label={t('linkage.loading')} />;
  if (!project.data) {
    return (
      <Stack>
        <Anchor component={Link} to="/linkage" size="sm">
          {t('linkage.back')}
        </Anchor>
        <LinkageError error={project.error} />
      </Stack>
    );
  }
  const view = project.data;
  if (matchId && view.allowed.review) {
    return <MatchReview project={view} matchId={matchId} />;
  }
  const own = view.parties.find((p) => p.organisation.id === session.organisation?.id);
  const open = view.status === 'open';
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/linkage" size="sm">
        {t('linkage.back')}
      </Anchor>
      <ProjectHeading project={view} />
      {!open ? (
        <Alert color="gray" role="status">
          {t('linkage.closedNote')}
        </Alert>
      ) : null}
      {open && own?.status === 'invited' ? <Invitation project={view} /> : null}
      <Parties project={view} />
      {open && view.allowed.upload && own?.status === 'accepted' ? <EncodingForms project={view} /> : null}
      {open && view.allowed.upload && own?.status === 'invited' ? (
        <Text size="sm">{t('linkage.acceptFirst')}</Text>
      ) : null}
      {open && view.allowed.manage && own?.status === 'accepted' ? (
        <ProjectActions project={view} owner={view.owner.id === session.organisation?.id} />
      ) : null}
      {view.allowed.review ? <MatchList project={view} /> : null}
    </Stack>
  );
}

function ProjectHeading({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Title order={2}>{project.name}</Title>
        <ProjectStatusBadge status={project.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('linkage.facts', {
          kind: t(`linkage.kind_${project.kind}`),
          owner: project.owner.name,
          threshold: percent(project.threshold, i18n.language),
          created: when(project.createdAt),
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {project.matchedAt
          ? t('linkage.matchedAt', { at: when(project.matchedAt) })
          : t('linkage.notMatched')}
      </Text>
    </Stack>
  );
}

function Parties({ project }: { project: ProjectView }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="parties-heading">
      <Title order={3} id="parties-heading">
        {t('linkage.parties')}
      </Title>
      <Box style={{ overflowX: 'auto' }}>
        <Table striped>
          <Table.Caption>{t('linkage.partiesCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('linkage.organisation')}</Table.Th>
              <Table.Th scope="col">{t('linkage.country')}</Table.Th>
              <Table.Th scope="col">{t('linkage.invitation')}</Table.Th>
              <Table.Th scope="col">{t('linkage.encodings')}</Table.Th>
              <Table.Th scope="col">{t('linkage.uploadedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {project.parties.map((party) => (
              <Table.Tr key={party.organisation.id}>
                <Table.Th scope="row" fw="normal">
                  {party.organisation.name}
                </Table.Th>
                <Table.Td>{countryName(party.organisation.country, i18n.language)}</Table.Td>
                <Table.Td>
                  <PartyStatusBadge status={party.status} />
                </Table.Td>
                <Table.Td>{party.encodings.toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>
                  {party.uploadedAt ? new Date(party.uploadedAt).toLocaleString(i18n.language) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}
