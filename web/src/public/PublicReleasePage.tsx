import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useRelease } from '../releases/api';
import { ReleaseDocument } from '../releases/ReleaseDocument';
import { ErrorNote, Loading } from '../stats/QueryState';

/**
 * One published release, for anyone: its tables as charts and tables with downloads, suppressed cells
 * marked, and how the figures were protected. The publisher comes from the list of published releases
 * (a single release does not name it).
 */
export function PublicReleasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const release = useRelease(id);
  return (
    <Stack>
      <Anchor component={Link} to="/public/statistics" size="sm">
        {t('publicStats.back')}
      </Anchor>
      {release.isPending ? <Loading /> : null}
      {release.error ? <ErrorNote error={release.error} /> : null}
      {release.data && release.data.status !== 'published' ? (
        <Alert color="red" role="alert">
          {t('publicStats.notPublished')}
        </Alert>
      ) : null}
      {release.data?.status === 'published' ? (
        <>
          <Title order={2}>{release.data.title}</Title>
          <ReleaseDocument release={release.data} publisher={release.data.organisation} />
        </>
      ) : null}
    </Stack>
  );
}
