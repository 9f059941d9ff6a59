import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const BARS = uPlot.paths.bars?.({ size: [0.6, 48] });

/** One line of a chart. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  /** Dashed, for a secondary line (p99 beside p50). */
  readonly dashed?: boolean;
}

/** Props of `Chart`. */
export interface ChartProps {
  readonly title: string;
  /** x values: epoch seconds (time axis) or indexes with `labels`. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  /** Formats y values on the axis and in the legend. */
  readonly format: (value: number) => string;
  /** Bars instead of lines (spend by day). */
  readonly bars?: boolean;
  /** Whether x is time (epoch seconds); default true. */
  readonly time?: boolean;
  readonly height?: number;
}

/**
 * A small uPlot chart that keeps its instance across updates (new data is `setData`, not a
 * rebuild) and follows its container's width. The canvas is described for screen readers by the
 * figure's caption and a visually hidden summary of the last values.
 */
export function Chart(props: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${props.bars === true}|${props.time !== false}|${props.series.map((line) => line.label).join('|')}`;
  const format = props.format;

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height: props.height ?? 160,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true },
      // counts, rates, latencies and money all start at zero; an empty chart still shows 0 to 1
      scales: {
        x: { time: props.time !== false },
        y: { range: (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          stroke: '#3d4451',
          grid: { stroke: '#e3e6ea' },
          // bars are days: ticks on whole days (then weeks, months), never hours
          ...(props.bars === true && { incrs: [86_400, 7 * 86_400, 30 * 86_400] }),
        },
        {
          stroke: '#3d4451',
          grid: { stroke: '#e3e6ea' },
          values: (_plot, ticks) => ticks.map(format),
          // as wide as the longest label ($0.000040), so none is cut
          size: (_plot, values) => 16 + 7 * Math.max(3, ...(values ?? []).map((value) => value.length)),
        },
      ],
      series: [
        {},
        ...props.series.map((line) => ({
          label: line.label,
          stroke: line.color,
          width: 2,
          ...(line.dashed === true && { dash: [6, 4] }),
          ...(props.bars === true &&
            BARS !== undefined && { fill: line.color, paths: BARS, points: { show: false } }),
          value: (_plot: uPlot, value: number | null) => (value === null ? '—' : format(value)),
          spanGaps: false,
          // a value between gaps (latency of a lone busy step) is a dot, or it would not show at all
          ...(props.bars !== true && { points: { show: false, size: 5, filter: isolatedPoints } }),
        })),
      ],
    };
    const created = new uPlot(options, toData(props), element);
    plot.current = created;
    const observer = new ResizeObserver(() => {
      created.setSize({ width: Math.max(200, element.clientWidth), height: props.height ?? 160 });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.destroy();
      plot.current = null;
    };
    // rebuilt only when the lines themselves change; data updates go through setData below
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(toData(props));
  });

  const summary = props.series
    .map((line) => {
      const last = [...line.values].reverse().find((value) => value !== null);
      return `${line.label}: ${last === undefined || last === null ? 'no data' : format(last)}`;
    })
    .join('; ');
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div
        ref={container}
        class="chart-canvas"
        role="img"
        aria-label={`${props.title}. Latest: ${summary}`}
      />
    </figure>
  );
}

/** Indexes of values with no value on either side: drawn as dots (uPlot draws these even with `show: false`). */
function isolatedPoints(plot: uPlot, seriesIndex: number): number[] | null {
  const values = plot.data[seriesIndex] as (number | null | undefined)[];
  const isolated: number[] = [];
  for (let index = 0; index < values.length; index++) {
    if (values[index] == null) continue;
    if (values[index - 1] == null && values[index + 1] == null) isolated.push(index);
  }
  return isolated.length === 0 ? null : isolated;
}

function toData(props: ChartProps): uPlot.AlignedData {
  return [props.x as number[], ...props.series.map((line) => line.values as (number | null)[])];
}
