import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '../api/session';

/** The first page after sign-in: who you act for, and what needs doing first. */
export function HomePage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={2}>{t('shell.welcome', { name: session.user.displayName })}</Title>
      {session.mfaEnrolmentRequired ? (
        <Alert color="yellow" title={t('security.title')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('security.required')}</Text>
            <Button component={Link} to="/security" size="xs">
              {t('security.setUp')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {session.organisation && session.role ? (
        <Text>
          {t('shell.welcomeBody', {
            organisation: session.organisation.name,
            role: t(`roles.${session.role}`),
          })}
        </Text>
      ) : (
        <Text>{session.user.platformAdmin ? t('shell.platformAdmin') : t('shell.noOrganisation')}</Text>
      )}
    </Stack>
  );
}
