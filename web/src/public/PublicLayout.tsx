import { Anchor, Box, Button, Container, Group, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useSession } from '../api/session';
import { LanguagePicker } from '../components/LanguagePicker';
import { PageLoading } from '../components/PageLoading';
import '../app/app.css';

/**
 * The frame of the pages anyone may read without signing in: Coral's name, the language, and the way
 * to sign in (or back to Coral for those signed in already).
 */
export function PublicLayout() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <Box>
      <Anchor href="#main" className="skip-link">
        {t('app.skipToContent')}
      </Anchor>
      <Box
        component="header"
        py="sm"
        px="md"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" wrap="wrap" gap="sm">
          <div>
            <Anchor component={Link} to="/public/statistics" underline="never" c="dark.9">
              <Title order={1} size="h3">
                {t('app.name')}
              </Title>
            </Anchor>
            <Text size="sm" c="dimmed">
              {t('publicStats.tagline')}
            </Text>
          </div>
          <Group gap="sm" wrap="nowrap">
            <LanguagePicker width={140} />
            <Button component={Link} to="/" variant="default">
              {session.data ? t('publicStats.backToCoral') : t('publicStats.signIn')}
            </Button>
          </Group>
        </Group>
      </Box>
      <Container size="xl" py="md" component="main" id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Container>
    </Box>
  );
}
