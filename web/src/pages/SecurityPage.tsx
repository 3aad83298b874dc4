import { Alert, Button, Code, Image, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import { type SessionView, sessionKey } from '../api/session';

interface Enrolment {
  secret: string;
  uri: string;
  qr: string;
}

/** Two-factor authentication: start, scan, confirm with a code. */
export function SecurityPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const start = useMutation({
    mutationFn: async () => {
      const started = await api<{ secret: string; uri: string }>('POST', '/api/v1/auth/totp/enrol', {
        password,
      });
      return { ...started, qr: await QRCode.toDataURL(started.uri, { margin: 1, width: 220 }) };
    },
    onSuccess: (started) => {
      setPassword('');
      setEnrolment(started);
    },
    onError: (failure) => {
      setPassword('');
      setError(
        failure instanceof ApiError && failure.code === 'invalid_credentials'
          ? t('errors.wrong_password')
          : failure instanceof ApiError && failure.code === 'too_many_requests'
            ? t('errors.too_many_requests')
            : t('errors.generic'),
      );
    },
  });
  const confirm = useMutation({
    mutationFn: (value: string) => api<void>('POST', '/api/v1/auth/totp/confirm', { code: value }),
    onSuccess: async () => {
      setDone(true);
      setEnrolment(null);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    onError: (failure) => {
      setCode('');
      setError(
        failure instanceof ApiError && failure.code === 'invalid_credentials'
          ? t('errors.invalid_code')
          : t('errors.generic'),
      );
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    confirm.mutate(code);
  };

  return (
    <Stack maw={560}>
      <Title order={2}>{t('security.title')}</Title>
      {done ? (
        <Alert color="green" role="status">
          {t('security.done')}
        </Alert>
      ) : null}
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      {session.user.totpEnabled ? (
        <Text>{t('security.enabled')}</Text>
      ) : enrolment ? (
        <form onSubmit={submit}>
          <Stack>
            <Text>{t('security.intro')}</Text>
            <Image src={enrolment.qr} alt={t('security.qr')} w={220} h={220} />
            <Text size="sm">
              {t('security.key')}: <Code>{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</Code>
            </Text>
            <TextInput
              label={t('security.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            />
            <Button type="submit" disabled={code.length !== 6} loading={confirm.isPending}>
              {t('security.confirm')}
            </Button>
          </Stack>
        </form>
      ) : (
        <>
          {session.mfaEnrolmentRequired ? <Text>{t('security.required')}</Text> : null}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setError(null);
              start.mutate();
            }}
          >
            <Stack maw={360}>
              <PasswordInput
                label={t('security.password')}
                description={t('security.passwordHelp')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={start.isPending} disabled={!password} w="fit-content">
                {t('security.start')}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}
