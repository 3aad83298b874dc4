import { type RefObject, useEffect, useRef } from 'react';
import type { ChartOption } from './chart-types';
import { echarts } from './echarts';

/** A click on the chart, as ECharts reports it. */
export type ChartClick = echarts.ECElementEvent;

/**
 * A canvas ECharts instance in the element: created on mount, sized to the element whenever it
 * resizes, given each new option in full (no merging with the previous one), disposed on unmount. With
 * reduced motion asked for, charts do not animate.
 *
 * @example const chart = useEChart(containerRef, option, (click) => console.log(click.name));
 */
export function useEChart(
  container: RefObject<HTMLDivElement | null>,
  option: ChartOption,
  onClick?: (click: ChartClick) => void,
): RefObject<echarts.EChartsType | null> {
  const chart = useRef<echarts.EChartsType | null>(null);
  const clickHandler = useRef(onClick);
  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    instance.on('click', (click) => clickHandler.current?.(click));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    chart.current = instance;
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [container]);

  useEffect(() => {
    const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    chart.current?.setOption({ ...option, animation: !reducedMotion }, { notMerge: true });
  }, [option]);

  return chart;
}
