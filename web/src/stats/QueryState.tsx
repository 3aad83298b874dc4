import { Alert, Group, Loader, Paper, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * What to tell people about a failed request: a translated sentence for the usual cases; the server's
 * own message where it says precisely what is wrong with what was asked (validation, conflict).
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'forbidden':
      return t('stats.errorForbidden');
    case 'not_found':
      return t('stats.errorNotFound');
    case 'unauthenticated':
      return t('stats.errorSignedOut');
    case 'validation_failed':
    case 'conflict':
      return error.message;
    default:
      return t('errors.generic');
  }
}

/** A failed request, said plainly, with the way to try again when there is one. */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={title}>
      {errorMessage(error, t)}
    </Alert>
  );
}

/** A request under way: a spinner named for assistive technology, and words beside it. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('stats.loading');
  return (
    <Group gap="sm" role="status" aria-live="polite" py="md">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{text}</Text>
    </Group>
  );
}

/** Nothing to show, and why or what to do about it. */
export function EmptyNote({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="md" bg="gray.0">
      <Text size="sm">{children}</Text>
    </Paper>
  );
}
