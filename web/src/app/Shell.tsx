import { Anchor, AppShell, Burger, Button, Group, NavLink, Select, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { recordKinds } from '../../../src/standard/record-views';
import { type SessionView, useSignOut, useSwitchOrganisation } from '../api/session';
import { LanguagePicker } from '../components/LanguagePicker';
import { kindsInOrder } from '../records/kinds';
import { canSeeGaps } from '../stats/permissions';
import './app.css';

/** The frame around every signed-in page: header with organisation, language and sign-out; navigation. */
export function Shell({ session, children }: { session: SessionView; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const signOut = useSignOut();
  const switchOrganisation = useSwitchOrganisation();
  const location = useLocation();
  const organisations = session.memberships.map((m) => ({
    value: m.organisation.id,
    label: m.organisation.name,
  }));

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        {t('app.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.openNavigation')}
            />
            <Title order={1} size="h3">
              {t('app.name')}
            </Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {organisations.length > 1 ? (
              <Select
                aria-label={t('shell.switchOrganisation')}
                data={organisations}
                value={session.organisation?.id ?? null}
                onChange={(value) => value && switchOrganisation.mutate(value)}
                allowDeselect={false}
                w={260}
                visibleFrom="md"
              />
            ) : null}
            <LanguagePicker width={140} />
            <Button variant="default" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <NavLink
          component={Link}
          to="/"
          label={t('nav.home')}
          active={location.pathname === '/'}
          onClick={close}
        />
        {session.organisation
          ? kindsInOrder.map((kind) => {
              const to = `/records/${recordKinds[kind].segment}`;
              return (
                <NavLink
                  key={kind}
                  component={Link}
                  to={to}
                  label={t(`nav.${kind}`)}
                  active={location.pathname.startsWith(to)}
                  onClick={close}
                />
              );
            })
          : null}
        {session.organisation && Object.values(session.permissions).some((p) => p.import) ? (
          <NavLink
            component={Link}
            to="/imports"
            label={t('nav.imports')}
            active={location.pathname.startsWith('/imports')}
            onClick={close}
          />
        ) : null}
        {session.organisation && session.role ? (
          <NavLink
            component={Link}
            to="/statistics"
            label={t('nav.statistics')}
            active={location.pathname === '/statistics'}
            onClick={close}
          />
        ) : null}
        <NavLink
          component={Link}
          to="/statistics/regional"
          label={t('nav.regional')}
          active={location.pathname === '/statistics/regional'}
          onClick={close}
        />
        {canSeeGaps(session) ? (
          <NavLink
            component={Link}
            to="/statistics/gaps"
            label={t('nav.gaps')}
            active={location.pathname === '/statistics/gaps'}
            onClick={close}
          />
        ) : null}
        {session.organisation && session.role ? (
          <NavLink
            component={Link}
            to="/releases"
            label={t('nav.releases')}
            active={location.pathname.startsWith('/releases')}
            onClick={close}
          />
        ) : null}
        {session.organisation && session.role ? (
          <NavLink
            component={Link}
            to="/linkage"
            label={t('nav.linkage')}
            active={location.pathname.startsWith('/linkage')}
            onClick={close}
          />
        ) : null}
        <NavLink
          component={Link}
          to="/security"
          label={t('nav.security')}
          active={location.pathname === '/security'}
          onClick={close}
        />
        {organisations.length > 1 ? (
          <Select
            mt="md"
            hiddenFrom="md"
            label={t('shell.switchOrganisation')}
            data={organisations}
            value={session.organisation?.id ?? null}
            onChange={(value) => value && switchOrganisation.mutate(value)}
            allowDeselect={false}
          />
        ) : null}
        <Text size="sm" c="dimmed" mt="auto">
          {session.user.displayName}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
