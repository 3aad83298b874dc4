import { lazy } from 'react';

/**
 * The pages with charts, loaded when first opened: ECharts and the Caribbean outlines are large, and
 * most visits (case work) never need them.
 */
export const DashboardPage = lazy(() =>
  import('../stats/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
export const RegionalPage = lazy(() =>
  import('../stats/RegionalPage').then((m) => ({ default: m.RegionalPage })),
);
export const GapsPage = lazy(() => import('../gaps/GapsPage').then((m) => ({ default: m.GapsPage })));
export const ReleasePage = lazy(() =>
  import('../releases/ReleasePage').then((m) => ({ default: m.ReleasePage })),
);
export const PublicStatisticsPage = lazy(() =>
  import('../public/PublicStatisticsPage').then((m) => ({ default: m.PublicStatisticsPage })),
);
export const PublicReleasePage = lazy(() =>
  import('../public/PublicReleasePage').then((m) => ({ default: m.PublicReleasePage })),
);
