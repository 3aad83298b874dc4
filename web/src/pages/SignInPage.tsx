import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useSignIn } from '../api/session';
import { LanguagePicker } from '../components/LanguagePicker';

/** Sign-in: e-mail and password, then a TOTP code when the account has two-factor authentication. */
export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    signIn.mutate(
      { email, password, ...(step === 'totp' ? { totp: code } : {}) },
      {
        onError: (failure) => {
          if (failure instanceof ApiError && failure.code === 'mfa_required') {
            setStep('totp');
            return;
          }
          setError(messageFor(failure, step));
          if (step === 'totp') setCode('');
        },
      },
    );
  };

  const messageFor = (failure: Error, current: 'password' | 'totp'): string => {
    if (!(failure instanceof ApiError)) return t('errors.generic');
    if (failure.code === 'invalid_credentials')
      return current === 'totp' ? t('errors.invalid_code') : t('errors.invalid_credentials');
    if (failure.code === 'too_many_requests') return t('errors.too_many_requests');
    if (failure.code === 'network') return t('errors.network');
    return t('errors.generic');
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1}>{t('app.name')}</Title>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
            <Title order={2} size="h3">
              {step === 'password' ? t('signIn.title') : t('signIn.totpTitle')}
            </Title>
            {error ? (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            ) : null}
            {step === 'password' ? (
              <>
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  autoFocus
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Button type="submit" loading={signIn.isPending} disabled={!email || !password}>
                  {t('signIn.submit')}
                </Button>
              </>
            ) : (
              <>
                <Text size="sm">{t('signIn.totpHelp')}</Text>
                <TextInput
                  label={t('signIn.totpLabel')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                  autoFocus
                />
                <Button type="submit" loading={signIn.isPending} disabled={code.length !== 6}>
                  {t('signIn.verify')}
                </Button>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setStep('password');
                    setCode('');
                    setPassword('');
                    setError(null);
                  }}
                >
                  {t('signIn.back')}
                </Anchor>
              </>
            )}
            <LanguagePicker />
            <Anchor component={Link} to="/public/statistics" size="sm">
              {t('signIn.publishedStatistics')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
