import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SessionView } from '../api/session';
import { type TableQuery, useMeasures, useStatTable } from './api';
import { BreakdownSection } from './BreakdownSection';
import { type DashboardChoice, DashboardFilters } from './DashboardFilters';
import { defaultBreakdown, sexDimensionOf } from './dashboard-model';
import { canSeeExactCounts, canViewStatistics } from './permissions';
import { EmptyNote, ErrorNote, Loading } from './QueryState';
import { Sdg1622Card } from './Sdg1622Card';
import { TrendSection } from './TrendSection';
import { cellFinder, yearRange, yearsOf } from './table-model';

/**
 * The organisation's statistics: a measure by year, by year and sex, and by a chosen dimension, as
 * charts and tables, with SDG 16.2.2 rates for victims. Every figure comes from the API, small ones
 * suppressed; data officers and analysts may see exact small counts for internal use.
 */
export function DashboardPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const measures = useMeasures();
  const [params, setParams] = useSearchParams();
  const [exact, setExact] = useState(false);
  const mayShowExact = canSeeExactCounts(session);
  const allowed = canViewStatistics(session);
  const listed = allowed ? measures.data : undefined;
  const measure = listed?.find((m) => m.id === params.get('measure')) ?? listed?.[0];
  const choice: DashboardChoice = {
    measure: measure?.id ?? '',
    from: params.get('from'),
    to: params.get('to'),
    exact: exact && mayShowExact,
  };
  const minCell = choice.exact ? { minCell: 1 } : {};
  const available = useStatTable(measure ? { measure: measure.id, by: ['year'], ...minCell } : null);
  const years = yearsOf(available.data);
  const filter = { years: yearRange(years, choice.from, choice.to), ...minCell };
  const sex = sexDimensionOf(measure);
  const breakdown = defaultBreakdown(measure, params.get('by'));
  const ready = measure && available.data;
  const trend = useStatTable(
    ready ? { measure: measure.id, by: sex ? ['year', sex] : ['year'], ...filter } : null,
  );
  const byDimension = useStatTable(
    ready && breakdown ? { measure: measure.id, by: [breakdown], ...filter } : null,
  );
  const sdgQuery: TableQuery | null =
    ready && measure.id === 'victims' ? { measure: 'victims', by: ['year', 'country'], ...filter } : null;
  const sdg = useStatTable(sdgQuery);

  const change = (next: Partial<DashboardChoice>) => {
    if (next.exact !== undefined) setExact(next.exact);
    const updated = new URLSearchParams(params);
    for (const name of ['measure', 'from', 'to'] as const) {
      if (!(name in next)) continue;
      const value = next[name];
      if (value) updated.set(name, value);
      else updated.delete(name);
    }
    if (next.measure) updated.delete('by');
    setParams(updated, { replace: true });
  };

  if (!allowed) return <EmptyNote>{t('stats.noOrganisation')}</EmptyNote>;
  const total = trend.data ? cellFinder(trend.data)(trend.data.dimensions.map(() => null)) : undefined;
  const nothing = trend.data && total?.status === 'published' && total.value === 0;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('stats.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('stats.intro', { organisation: session.organisation?.name ?? '' })}
          </Text>
        </div>
        <Anchor component={Link} to="/statistics/regional" size="sm">
          {t('stats.toRegional')}
        </Anchor>
      </Group>
      {measures.error ? <ErrorNote error={measures.error} /> : null}
      {measures.isPending ? <Loading /> : null}
      {measures.data && measure ? (
        <DashboardFilters
          measures={measures.data}
          years={years}
          choice={choice}
          onChange={change}
          mayShowExact={mayShowExact}
        />
      ) : null}
      {choice.exact ? (
        <Alert color="yellow" title={t('stats.exactTitle')} role="status">
          {t('stats.exactWarning')}
        </Alert>
      ) : (
        <Text size="sm">{t('stats.suppressedNote')}</Text>
      )}
      {available.error || trend.error ? <ErrorNote error={available.error ?? trend.error} /> : null}
      {measure && (available.isPending || (trend.isPending && !trend.data)) && !available.error ? (
        <Loading />
      ) : null}
      {nothing ? <EmptyNote>{t('stats.noRecords')}</EmptyNote> : null}
      {trend.data && !nothing ? <TrendSection table={trend.data} /> : null}
      {measure && breakdown && trend.data && !nothing ? (
        <BreakdownSection
          measure={measure}
          dimension={breakdown}
          onDimension={(by) => {
            const updated = new URLSearchParams(params);
            updated.set('by', by);
            setParams(updated, { replace: true });
          }}
          table={byDimension.data}
          pending={byDimension.isPending}
          error={byDimension.error}
        />
      ) : null}
      {sdg.error ? <ErrorNote error={sdg.error} /> : null}
      {sdgQuery && sdg.data && !nothing ? <Sdg1622Card table={sdg.data} /> : null}
    </Stack>
  );
}
