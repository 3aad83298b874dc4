import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../api/session';
import { type LinkageKind, useRecordLinks } from './api';
import { countryName } from './LinkageParts';

/** The kinds of record linkage projects link. */
export function isLinkageKind(kind: string): kind is LinkageKind {
  return kind === 'thbCase' || kind === 'offender';
}

/**
 * "Linked in other countries": the organisations of other countries that confirmed holding the same
 * person, for referral. Shown only to roles that may read the record's identifying fields, and only
 * when there is a link; any refusal or failure means nothing to show.
 */
export function RecordLinks({
  kind,
  recordId,
  session,
}: {
  kind: LinkageKind;
  recordId: string;
  session: SessionView;
}) {
  const { t, i18n } = useTranslation();
  const allowed = session.permissions[kind]?.identifying === true;
  const links = useRecordLinks(kind, recordId, allowed);
  if (!allowed || !links.data || links.data.length === 0) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="record-links-heading">
      <Stack gap="xs">
        <Title order={3} size="h4" id="record-links-heading">
          {t('linkage.linkedElsewhere')}
        </Title>
        <Text size="sm">{t('linkage.linkedElsewhereHelp')}</Text>
        <List size="sm">
          {links.data.map((link) => (
            <List.Item key={link.groupId}>
              {link.organisations
                .map((o) => `${o.name} (${countryName(o.country, i18n.language)})`)
                .join(', ')}{' '}
              ·{' '}
              <Anchor component={Link} to={`/linkage/${link.projectId}`} size="sm">
                {link.projectName}
              </Anchor>
              {link.confirmedAt
                ? ` · ${t('linkage.confirmedAt', { at: new Date(link.confirmedAt).toLocaleDateString(i18n.language) })}`
                : null}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
