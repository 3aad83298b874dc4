import { Alert, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../records/api';
import { referenceField } from '../records/kinds';
import { fieldOf, formatValue, standardLanguage } from '../standard-ui/describe';
import { Loading } from '../stats/QueryState';
import type { LinkageKind } from './api';

/** Where the person of each kind of record is. */
const personGroup: Record<LinkageKind, string> = { thbCase: 'victim', offender: 'person' };

/** The person's fields a reviewer compares, in the order they are read. */
const personFields = ['givenNames', 'familyNames', 'birthDate', 'gender', 'citizenships'] as const;

/**
 * The reviewer's own record in a match, read through the records API: its reference and the person's
 * names, birth date, sex and citizenship — each as the API returned it, or said to be hidden for the
 * reviewer's role where the API left identifying fields out.
 */
export function OwnRecord({ kind, recordId }: { kind: LinkageKind; recordId: string }) {
  const { t, i18n } = useTranslation();
  const language = standardLanguage(i18n.language);
  const record = useRecord(kind, recordId);
  if (record.isPending) return <Loading label={t('linkage.loadingRecord')} />;
  if (!record.data) {
    return (
      <Alert color="red" role="alert">
        {t('linkage.recordUnavailable')}
      </Alert>
    );
  }
  const { record: values, identifyingShown } = record.data;
  const group = personGroup[kind];
  const person = (values[group] ?? {}) as Record<string, unknown>;
  const groupIdentifying = fieldOf(kind, group)?.sensitivity === 'identifying';
  const rows = [
    { path: referenceField(kind), value: values[referenceField(kind)] },
    ...personFields.map((id) => ({ path: `${group}.${id}`, value: person[id] })),
  ];
  return (
    <Table withRowBorders variant="vertical" layout="fixed">
      <Table.Caption>{t('linkage.yourRecordCaption')}</Table.Caption>
      <Table.Tbody>
        {rows.map(({ path, value }) => {
          const field = fieldOf(kind, path);
          if (!field) return null;
          const hidden =
            value === undefined &&
            !identifyingShown &&
            (field.sensitivity === 'identifying' || (path.startsWith(`${group}.`) && groupIdentifying));
          return (
            <Table.Tr key={path}>
              <Table.Th scope="row" w="40%">
                {field.label[language]}
              </Table.Th>
              <Table.Td>
                {value === undefined ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    {hidden ? t('linkage.hiddenForRole') : t('linkage.notRecorded')}
                  </Text>
                ) : (
                  <Text size="sm">{formatValue(field, value, language, t)}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
