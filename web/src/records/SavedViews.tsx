import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityId } from '../../../src/standard/field';

interface SavedView {
  name: string;
  query: string;
}

const storageKey = (userId: string, kind: EntityId) => `coral.views.${userId}.${kind}`;

function load(userId: string, kind: EntityId): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(storageKey(userId, kind)) ?? '[]');
    return Array.isArray(parsed)
      ? (parsed as SavedView[]).filter((v) => typeof v?.name === 'string' && typeof v?.query === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Filters saved by name on this device, per person and kind of record (never names of people: only filters). */
export function SavedViews({
  kind,
  userId,
  params,
  onApply,
}: {
  kind: EntityId;
  userId: string;
  params: URLSearchParams;
  onApply: (query: string) => void;
}) {
  const { t } = useTranslation();
  const [views, setViews] = useState(() => load(userId, kind));
  const [naming, setNaming] = useState<string | null>(null);
  const save = () => {
    const name = naming?.trim();
    if (!name) return;
    const query = new URLSearchParams(params);
    query.delete('name'); // a searched name is identifying: never stored on the device
    const next = [...views.filter((v) => v.name !== name), { name, query: query.toString() }];
    globalThis.localStorage?.setItem(storageKey(userId, kind), JSON.stringify(next));
    setViews(next);
    setNaming(null);
  };
  return (
    <Group align="flex-end">
      {views.length ? (
        <Select
          label={t('records.savedViews')}
          data={views.map((v) => v.name)}
          value={null}
          onChange={(name) => {
            const view = views.find((v) => v.name === name);
            if (view) onApply(view.query);
          }}
          w={240}
        />
      ) : null}
      {naming === null ? (
        <Button variant="subtle" onClick={() => setNaming('')}>
          {t('records.saveView')}
        </Button>
      ) : (
        <>
          <TextInput
            label={t('records.viewName')}
            value={naming}
            onChange={(e) => setNaming(e.currentTarget.value)}
            w={240}
          />
          <Button onClick={save} disabled={!naming.trim()}>
            {t('records.save')}
          </Button>
          <Button variant="subtle" onClick={() => setNaming(null)}>
            {t('records.cancel')}
          </Button>
        </>
      )}
    </Group>
  );
}
