import { Alert, Anchor, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../api/session';
import { EmptyNote, Loading } from '../stats/QueryState';
import { canManageLinkage, type ProjectView, useProjects } from './api';
import { LinkageError, PartyBadge, ProjectStatusBadge } from './LinkageParts';
import { NewProjectForm } from './NewProjectForm';

/**
 * The linkage projects the organisation takes part in, with their parties' answers; administrators and
 * data officers set up new ones here.
 */
export function LinkageProjectsPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const projects = useProjects();
  const mayManage = canManageLinkage(session);
  const [composing, setComposing] = useState(false);
  const [created, setCreated] = useState<ProjectView | null>(null);
  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('linkage.title')}</Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('linkage.intro')}
          </Text>
        </div>
        {mayManage && !composing ? (
          <Button
            onClick={() => {
              setCreated(null);
              setComposing(true);
            }}
          >
            {t('linkage.new')}
          </Button>
        ) : null}
      </Group>
      {created ? (
        <Alert color="green" role="status">
          {t('linkage.notice_created', { name: created.name })}{' '}
          <Anchor component={Link} to={`/linkage/${created.id}`} inherit>
            {t('linkage.open')}
          </Anchor>
        </Alert>
      ) : null}
      {mayManage && composing ? (
        <NewProjectForm
          onCancel={() => setComposing(false)}
          onCreated={(project) => {
            setComposing(false);
            setCreated(project);
          }}
        />
      ) : null}
      {projects.error ? <LinkageError error={projects.error} /> : null}
      {projects.isPending ? <Loading label={t('linkage.loading')} /> : null}
      {projects.data?.length === 0 ? (
        <EmptyNote>{mayManage ? t('linkage.noneManager') : t('linkage.none')}</EmptyNote>
      ) : null}
      {projects.data && projects.data.length > 0 ? <ProjectList items={projects.data} /> : null}
    </Stack>
  );
}

function ProjectList({ items }: { items: ProjectView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('linkage.listLabel')}>
      <Table striped highlightOnHover>
        <Table.Caption>{t('linkage.listLabel')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('linkage.name')}</Table.Th>
            <Table.Th scope="col">{t('linkage.kind')}</Table.Th>
            <Table.Th scope="col">{t('linkage.owner')}</Table.Th>
            <Table.Th scope="col">{t('linkage.parties')}</Table.Th>
            <Table.Th scope="col">{t('linkage.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('linkage.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((project) => (
            <Table.Tr key={project.id}>
              <Table.Td>
                <Anchor component={Link} to={`/linkage/${project.id}`}>
                  {project.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`linkage.kind_${project.kind}`)}</Table.Td>
              <Table.Td>{project.owner.name}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {project.parties.map((party) => (
                    <PartyBadge key={party.organisation.id} party={party} />
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <ProjectStatusBadge status={project.status} />
              </Table.Td>
              <Table.Td>{new Date(project.createdAt).toLocaleDateString(i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
