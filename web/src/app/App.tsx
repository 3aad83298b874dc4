import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useSession } from '../api/session';
import { HomePage } from '../pages/HomePage';
import { SecurityPage } from '../pages/SecurityPage';
import { SignInPage } from '../pages/SignInPage';
import { Shell } from './Shell';
import { cssVariables, theme } from './theme';

/** The web app: providers, then the sign-in page or the signed-in shell. */
export function App({ i18n }: { i18n: i18n }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Gate />
          </BrowserRouter>
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
      <Routes>
        <Route path="/security" element={<SecurityPage session={session.data} />} />
        <Route path="*" element={<HomePage session={session.data} />} />
      </Routes>
    </Shell>
  );
}
