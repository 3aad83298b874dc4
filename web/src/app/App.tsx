import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { Suspense, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useParams } from 'react-router';
import { type SessionView, useSession } from '../api/session';
import { PageLoading } from '../components/PageLoading';
import { ImportDetailPage } from '../imports/ImportDetailPage';
import { ImportsPage } from '../imports/ImportsPage';
import { LinkageProjectPage } from '../linkage/LinkageProjectPage';
import { LinkageProjectsPage } from '../linkage/LinkageProjectsPage';
import { HomePage } from '../pages/HomePage';
import { SecurityPage } from '../pages/SecurityPage';
import { SignInPage } from '../pages/SignInPage';
import { PublicLayout } from '../public/PublicLayout';
import { kindOfSegment } from '../records/kinds';
import { RecordDetailPage } from '../records/RecordDetailPage';
import { RecordFormPage } from '../records/RecordFormPage';
import { RecordListPage } from '../records/RecordListPage';
import { ReleasesPage } from '../releases/ReleasesPage';
import {
  DashboardPage,
  GapsPage,
  PublicReleasePage,
  PublicStatisticsPage,
  RegionalPage,
  ReleasePage,
} from './lazy-pages';
import { Shell } from './Shell';
import { cssVariables, theme } from './theme';

/** The web app: providers, then the sign-in page or the signed-in shell with its routes. */
export function App({ i18n }: { i18n: i18n }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [router] = useState(() =>
    createBrowserRouter([
      {
        // Published statistics: no sign-in, so outside the Gate.
        path: '/public',
        element: <PublicLayout />,
        children: [
          { index: true, element: <Navigate to="/public/statistics" replace /> },
          { path: 'statistics', element: <PublicStatisticsPage /> },
          { path: 'statistics/:id', element: <PublicReleasePage /> },
          { path: '*', element: <Navigate to="/public/statistics" replace /> },
        ],
      },
      {
        path: '/',
        element: <Gate />,
        children: [
          { index: true, element: <WithSession render={(session) => <HomePage session={session} />} /> },
          {
            path: 'security',
            element: <WithSession render={(session) => <SecurityPage session={session} />} />,
          },
          { path: 'imports', element: <ImportsPage /> },
          { path: 'imports/:id', element: <ImportRoute /> },
          {
            path: 'statistics',
            element: <WithSession render={(session) => <DashboardPage session={session} />} />,
          },
          { path: 'statistics/regional', element: <RegionalPage /> },
          {
            path: 'statistics/gaps',
            element: <WithSession render={(session) => <GapsPage session={session} />} />,
          },
          {
            path: 'releases',
            element: <WithSession render={(session) => <ReleasesPage session={session} />} />,
          },
          { path: 'releases/new', element: <ReleaseRoute /> },
          { path: 'releases/:id', element: <ReleaseRoute /> },
          {
            path: 'linkage',
            element: <WithSession render={(session) => <LinkageProjectsPage session={session} />} />,
          },
          { path: 'linkage/:id', element: <LinkageRoute /> },
          { path: 'records/:segment', element: <RecordRoute page="list" /> },
          { path: 'records/:segment/new', element: <RecordRoute page="new" /> },
          { path: 'records/:segment/:id', element: <RecordRoute page="detail" /> },
          { path: 'records/:segment/:id/edit', element: <RecordRoute page="edit" /> },
          { path: '*', element: <WithSession render={(session) => <HomePage session={session} />} /> },
        ],
      },
    ]),
  );
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}

function Gate() {
  const session = useSession();
  const { t } = useTranslation();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.name')} />
      </Center>
    );
  }
  if (!session.data) return <SignInPage />;
  return (
    <Shell session={session.data}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </Shell>
  );
}

/** Renders a page with the signed-in session (the Gate guarantees there is one). */
function WithSession({ render }: { render: (session: SessionView) => React.ReactNode }) {
  const session = useSession();
  return session.data ? render(session.data) : null;
}

function RecordRoute({ page }: { page: 'list' | 'new' | 'detail' | 'edit' }) {
  const { segment, id } = useParams();
  const kind = kindOfSegment(segment);
  const session = useSession();
  if (!kind || !session.data) return <HomePageFallback />;
  switch (page) {
    case 'list':
      return <RecordListPage key={kind} kind={kind} session={session.data} />;
    case 'new':
      return <RecordFormPage key={`${kind}-new`} kind={kind} />;
    case 'detail':
      return <RecordDetailPage key={id} kind={kind} id={id ?? ''} session={session.data} />;
    case 'edit':
      return <RecordFormPage key={`${id}-edit`} kind={kind} id={id} />;
  }
}

function ReleaseRoute() {
  const { id } = useParams();
  return <WithSession render={(session) => <ReleasePage key={id ?? 'new'} id={id} session={session} />} />;
}

function LinkageRoute() {
  const { id } = useParams();
  return (
    <WithSession render={(session) => <LinkageProjectPage key={id} id={id ?? ''} session={session} />} />
  );
}

function ImportRoute() {
  const { id } = useParams();
  return <ImportDetailPage key={id} id={id ?? ''} />;
}

function HomePageFallback() {
  const session = useSession();
  return session.data ? <HomePage session={session.data} /> : null;
}
