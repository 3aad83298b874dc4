import {
  Alert,
  Button,
  Code,
  FileInput,
  List,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type GenerateResult, type ProjectView, useGenerateEncodings, useUploadEncodings } from './api';
import { type EncodingsFile, lineOfIssue, readEncodings } from './encodings-file';
import { LinkageError } from './LinkageParts';

/** The fewest characters a linkage secret may have (the server refuses shorter ones). */
const minimumSecretLength = 16;
/** How many bad lines of a file to list; the rest are counted. */
const shownProblems = 10;
/** A secret's fingerprint as `coral link fingerprint` prints it: 43 characters of base64url. */
const fingerprintPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * The two ways a party provides its encodings: Coral makes them from its records with the agreed
 * secret, or the party uploads a file it made itself with `coral link encode`. Either replaces what the
 * party provided before.
 */
export function EncodingForms({ project }: { project: ProjectView }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="encodings-heading">
      <Title order={3} id="encodings-heading">
        {t('linkage.encodingsTitle')}
      </Title>
      <Text size="sm">
        {project.secretAgreed ? t('linkage.secretAgreed') : t('linkage.secretNotYetAgreed')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <GenerateForm project={project} />
        <UploadForm project={project} />
      </SimpleGrid>
    </Stack>
  );
}

function GenerateForm({ project }: { project: ProjectView }) {
  const { t } = useTranslation();
  const generate = useGenerateEncodings(project.id);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [result, setResult] = useState<GenerateResult | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (secret.length < minimumSecretLength) {
      setProblem(t('linkage.secretTooShort', { min: minimumSecretLength }));
      return;
    }
    setProblem(undefined);
    setResult(null);
    generate.mutate(secret, {
      onSuccess: setResult,
      // Used once: the secret leaves the page's memory whatever the answer.
      onSettled: () => setSecret(''),
    });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="generate-heading">
        <Stack gap="sm">
          <Title order={4} id="generate-heading">
            {t('linkage.generateTitle')}
          </Title>
          <Text size="sm">{t('linkage.generateHelp')}</Text>
          <PasswordInput
            label={t('linkage.secret')}
            description={t('linkage.secretHelp', { min: minimumSecretLength })}
            value={secret}
            onChange={(event) => setSecret(event.currentTarget.value)}
            error={problem}
            autoComplete="off"
            required
          />
          <Button type="submit" loading={generate.isPending}>
            {t('linkage.generate')}
          </Button>
          {generate.error ? <LinkageError error={generate.error} /> : null}
          {result ? (
            <Alert color="green" role="status" title={t('linkage.generatedTitle')}>
              <List size="sm">
                <List.Item>{t('linkage.generatedEncoded', { count: result.encoded })}</List.Item>
                <List.Item>
                  {t('linkage.generatedWithoutConsent', { count: result.withoutConsent })}
                </List.Item>
                {result.failed > 0 ? (
                  <List.Item>{t('linkage.generatedFailed', { count: result.failed })}</List.Item>
                ) : null}
              </List>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function UploadForm({ project }: { project: ProjectView }) {
  const { t } = useTranslation();
  const upload = useUploadEncodings(project.id);
  const [file, setFile] = useState<File | null>(null);
  const [fingerprint, setFingerprint] = useState('');
  const [read, setRead] = useState<EncodingsFile | null>(null);
  const [problems, setProblems] = useState<{ file?: string; fingerprint?: string }>({});

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    upload.reset();
    setRead(chosen ? readEncodings(await chosen.text()) : null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (!read) found.file = t('linkage.fileMissing');
    else if (read.problems.length === 0 && read.encodings.length === 0) found.file = t('linkage.fileEmpty');
    if (!fingerprintPattern.test(fingerprint.trim())) found.fingerprint = t('linkage.fingerprintInvalid');
    setProblems(found);
    if (!read || Object.keys(found).length > 0 || read.problems.length > 0) return;
    upload.mutate({ fingerprint: fingerprint.trim(), encodings: read.encodings });
  };

  const where = (path: string) => {
    if (path.endsWith('fingerprint')) return t('linkage.fingerprint');
    const line = read ? lineOfIssue(path, read.lines) : null;
    return line === null ? null : t('linkage.line', { line });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="upload-heading">
        <Stack gap="sm">
          <Title order={4} id="upload-heading">
            {t('linkage.uploadTitle')}
          </Title>
          <Text size="sm">
            {t('linkage.uploadHelp')} <Code>coral link encode --schema coral-person</Code>
          </Text>
          <FileInput
            label={t('linkage.file')}
            description={t('linkage.fileHelp')}
            accept=".jsonl,.ndjson,.json,.txt"
            value={file}
            onChange={(chosen) => void choose(chosen)}
            error={problems.file}
            clearable
            clearButtonProps={{ 'aria-label': t('linkage.clearFile') }}
            required
          />
          {read && read.problems.length > 0 ? <FileProblems read={read} /> : null}
          {read && read.problems.length === 0 && read.encodings.length > 0 ? (
            <Text size="sm" role="status">
              {t('linkage.fileRead', { count: read.encodings.length })}
            </Text>
          ) : null}
          <TextInput
            label={t('linkage.fingerprint')}
            description={t('linkage.fingerprintHelp')}
            value={fingerprint}
            onChange={(event) => setFingerprint(event.currentTarget.value)}
            error={problems.fingerprint}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <Button type="submit" loading={upload.isPending}>
            {t('linkage.upload')}
          </Button>
          {upload.error ? <LinkageError error={upload.error} where={where} /> : null}
          {upload.isSuccess ? (
            <Alert color="green" role="status">
              {t('linkage.uploaded', { count: read?.encodings.length ?? 0 })}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** The lines of a chosen file that are not encodings: nothing is sent until they are fixed. */
function FileProblems({ read }: { read: EncodingsFile }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t('linkage.fileBad', { count: read.problems.length })}>
      <List size="sm">
        {read.problems.slice(0, shownProblems).map(({ line, problem }) => (
          <List.Item key={line}>
            {t('linkage.line', { line })}: {t(`linkage.lineProblem_${problem}`)}
          </List.Item>
        ))}
      </List>
      {read.problems.length > shownProblems ? (
        <Text size="sm" mt="xs">
          {t('linkage.moreIssues', { count: read.problems.length - shownProblems })}
        </Text>
      ) : null}
    </Alert>
  );
}
