import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../stats/QueryState';
import { type LinkageKind, type PartnerView, type ProjectView, useCreateProject, usePartners } from './api';
import { countryName, LinkageError } from './LinkageParts';

/** The threshold a new project starts with: the Dice similarity the matching was tuned for. */
const defaultThreshold = 0.8;

interface Problems {
  name?: string;
  threshold?: string;
  partners?: string;
}

/**
 * Setting up a linkage project: its name, what it links, how alike encodings must be to count as a
 * possible match, and the organisations of other countries invited — grouped by country, one per
 * country, since a project links records across borders.
 */
export function NewProjectForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (project: ProjectView) => void;
}) {
  const { t, i18n } = useTranslation();
  const partners = usePartners(true);
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<LinkageKind>('thbCase');
  const [threshold, setThreshold] = useState<number | string>(defaultThreshold);
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [problems, setProblems] = useState<Problems>({});
  const byCountry = useMemo(
    () => groupByCountry(partners.data ?? [], i18n.language),
    [partners.data, i18n.language],
  );
  const partnerIds = Object.values(chosen).flat();
  const crowded = Object.entries(chosen).filter(([, ids]) => ids.length > 1);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    if (!name.trim()) found.name = t('linkage.problemName');
    if (typeof threshold !== 'number' || threshold < 0.5 || threshold > 1)
      found.threshold = t('linkage.problemThreshold');
    if (partnerIds.length === 0) found.partners = t('linkage.problemPartners');
    setProblems(found);
    if (Object.keys(found).length > 0 || crowded.length > 0) return;
    create.mutate(
      { name: name.trim(), kind, threshold: Number(threshold), partners: partnerIds },
      { onSuccess: onCreated },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-project-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} id="new-project-heading">
            {t('linkage.newTitle')}
          </Title>
          <Text size="sm">{t('linkage.newHelp')}</Text>
          <TextInput
            label={t('linkage.name')}
            description={t('linkage.nameHelp')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={problems.name}
            required
            maxLength={200}
          />
          <Radio.Group
            label={t('linkage.kind')}
            value={kind}
            onChange={(value) => setKind(value === 'offender' ? 'offender' : 'thbCase')}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="thbCase"
                label={t('linkage.kind_thbCase')}
                description={t('linkage.kindHelp_thbCase')}
              />
              <Radio
                value="offender"
                label={t('linkage.kind_offender')}
                description={t('linkage.kindHelp_offender')}
              />
            </Stack>
          </Radio.Group>
          <NumberInput
            label={t('linkage.threshold')}
            description={t('linkage.thresholdHelp')}
            value={threshold}
            onChange={setThreshold}
            min={0.5}
            max={1}
            step={0.05}
            decimalScale={2}
            error={problems.threshold}
            styles={{ wrapper: { maxWidth: 200 } }}
          />
          <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={600} size="sm">
              {t('linkage.partners')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('linkage.partnersHelp')}
            </Text>
            {partners.isPending ? <Loading label={t('linkage.loadingPartners')} /> : null}
            {partners.error ? <LinkageError error={partners.error} /> : null}
            {partners.data?.length === 0 ? <Text size="sm">{t('linkage.noPartners')}</Text> : null}
            {byCountry.map(({ country, label, organisations }) => (
              <Checkbox.Group
                key={country}
                label={label}
                value={chosen[country] ?? []}
                onChange={(ids) => setChosen((current) => ({ ...current, [country]: ids }))}
                error={
                  (chosen[country]?.length ?? 0) > 1
                    ? t('linkage.onePerCountry', { country: label })
                    : undefined
                }
              >
                <Stack gap={4} mt={4}>
                  {organisations.map((organisation) => (
                    <Checkbox key={organisation.id} value={organisation.id} label={organisation.name} />
                  ))}
                </Stack>
              </Checkbox.Group>
            ))}
            {problems.partners ? (
              <Text size="sm" c="red.8" role="alert">
                {problems.partners}
              </Text>
            ) : null}
          </Stack>
          {create.error ? <LinkageError error={create.error} /> : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('linkage.create')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={create.isPending}>
              {t('linkage.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Partners by country, countries by name in the interface language, organisations by name. */
function groupByCountry(partners: readonly PartnerView[], language: string) {
  const groups = new Map<string, PartnerView[]>();
  for (const partner of partners)
    groups.set(partner.country, [...(groups.get(partner.country) ?? []), partner]);
  return [...groups]
    .map(([country, organisations]) => ({
      country,
      label: countryName(country, language),
      organisations: organisations.sort((a, b) => a.name.localeCompare(b.name, language)),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}
