import { Box, Button, Group, Menu } from '@mantine/core';
import { useId, useRef } from 'react';
import type { ChartOption, DownloadLabels } from './chart-types';
import type { CsvValue } from './csv';
import { downloadCsv, downloadPng, downloadSvg } from './download';
import { type ChartClick, useEChart } from './useEChart';

/** What every Coral chart shares: the drawing, its accessible name, and the download menu. */
export interface ChartFrameProps {
  /** The chart's title: its accessible name (the option draws it too, so downloads carry it). */
  title: string;
  option: ChartOption;
  /** Height in pixels; the width follows the container. */
  height: number;
  /** File name of downloads, without extension, e.g. "victims-by-year-2024". */
  fileName: string;
  labels: DownloadLabels;
  /** The figures as CSV rows, built when the CSV is asked for. */
  csvRows: () => CsvValue[][];
  onClick?: (click: ChartClick) => void;
}

/** The screen-reader description the option carries. */
function ariaDescription(option: ChartOption): string | undefined {
  const aria = Array.isArray(option.aria) ? option.aria[0] : option.aria;
  return aria?.label?.description;
}

/**
 * A chart with a download menu above it (PNG of what is drawn, SVG of the same option, CSV of the
 * figures). The drawing is an image to assistive technology, named by the title and described by the
 * option's `aria` description; the menu stays outside it so that it can be reached by keyboard.
 */
export function ChartFrame({ title, option, height, fileName, labels, csvRows, onClick }: ChartFrameProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useEChart(container, option, onClick);
  const descriptionId = useId();
  const description = ariaDescription(option);
  const svg = () => {
    const element = container.current;
    downloadSvg(
      option,
      { width: element?.clientWidth || 800, height: element?.clientHeight || height },
      fileName,
    );
  };
  return (
    <Box>
      <Group justify="flex-end" mb={4}>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            {/* Named with the title too: a page has several charts, each with its menu. */}
            <Button variant="default" size="xs" aria-label={`${labels.download}: ${title}`}>
              {labels.download}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => chart.current && downloadPng(chart.current, fileName)}>
              {labels.png}
            </Menu.Item>
            <Menu.Item onClick={svg}>{labels.svg}</Menu.Item>
            <Menu.Item onClick={() => downloadCsv(csvRows(), fileName)}>{labels.csv}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {/* ECharts names the element it draws in with the description, so the image is the element around it. */}
      <div role="img" aria-label={title} aria-describedby={description ? descriptionId : undefined}>
        <div ref={container} style={{ width: '100%', height }} />
      </div>
      {description ? (
        <div id={descriptionId} hidden>
          {description}
        </div>
      ) : null}
    </Box>
  );
}
