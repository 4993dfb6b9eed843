/**
 * The timeline: how many matches each month (or year, when the span is long) holds, for the current query
 * and filters, drawn on the server as SVG. Each bar is a link narrowing the search to its period; every
 * bar is labelled for screen readers, and a table beside the chart gives the same figures as text.
 */
import type { FC } from 'hono/jsx';
import { count, formatDate, MONTHS, type Forms } from './ru.ts';

export interface Bar {
  /** `YYYY-MM` or `YYYY`: the value `from` and `to` take to narrow to it. */
  period: string;
  count: number;
}

export interface TimelineData {
  unit: 'month' | 'year';
  bars: Bar[];
}

/** Longer spans are drawn by year: 36 month bars still fit a phone, more do not. */
export const MAX_MONTH_BARS = 36;

const monthIndex = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
};
const monthOf = (index: number): string =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * Bars from month facet counts (`YYYY-MM` -> count), every period between the first and the last present,
 * empty ones included so that the gaps show. Null when nothing is dated.
 */
export function timelineOf(months: Array<{ value: string; count: number }>): TimelineData | null {
  const dated = months.filter((m) => m.count > 0 && /^\d{4}-\d{2}$/.test(m.value));
  if (dated.length === 0) return null;
  const indexes = dated.map((m) => monthIndex(m.value));
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const counts = new Map(dated.map((m) => [m.value, m.count]));
  if (last - first + 1 <= MAX_MONTH_BARS) {
    const bars = [];
    for (let i = first; i <= last; i++)
      bars.push({ period: monthOf(i), count: counts.get(monthOf(i)) ?? 0 });
    return { unit: 'month', bars };
  }
  const years = new Map<number, number>();
  for (const m of dated) {
    const year = Number(m.value.slice(0, 4));
    years.set(year, (years.get(year) ?? 0) + m.count);
  }
  const bars = [];
  for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++)
    bars.push({ period: String(y), count: years.get(y) ?? 0 });
  return { unit: 'year', bars };
}

/** Chart geometry, in px vertically (the width is in % so the chart fills any screen without scaling text). */
const CHART = { top: 16, plot: 64, line1: 95, line2: 110, minBar: 3 } as const;

/** Fewer bars than this take a slot's width each, centred. */
const MIN_SLOTS = 8;

/** At most this many labels on one line of the axis, so they do not collide on a phone. */
const MAX_LABELS = 6;

interface AxisLabel {
  index: number;
  text: string;
  line: 1 | 2;
}

/**
 * Labels under the axis, at bar centres: in month mode short month names on every k-th bar and, on a
 * second line, the year at the first bar and at each January; in year mode every k-th year.
 */
export function axisLabels(data: TimelineData): AxisLabel[] {
  const every = Math.ceil(data.bars.length / MAX_LABELS);
  const labels: AxisLabel[] = [];
  data.bars.forEach((bar, index) => {
    if (data.unit === 'year') {
      if (index % every === 0) labels.push({ index, text: bar.period, line: 1 });
      return;
    }
    const month = Number(bar.period.slice(5, 7));
    if (index % every === 0) labels.push({ index, text: MONTHS[month - 1]?.short ?? '', line: 1 });
    if (index === 0 || month === 1) labels.push({ index, text: bar.period.slice(0, 4), line: 2 });
  });
  return labels;
}

export const Timeline: FC<{
  data: TimelineData;
  nouns: Forms;
  href: (period: string) => string;
  /** The period the search is narrowed to, when it is exactly one bar's. */
  current?: string;
}> = ({ data, nouns, href, current }) => {
  const max = Math.max(...data.bars.map((b) => b.count));
  // A few bars are drawn as narrow as eight would be, centred, not stretched across the whole width.
  const slots = Math.max(data.bars.length, MIN_SLOTS);
  const step = 100 / slots;
  const left = ((slots - data.bars.length) / 2) * step;
  const gap = Math.min(step * 0.15, 0.6);
  const pct = (n: number) => `${Math.round(n * 1000) / 1000}%`;
  const label = (bar: Bar) => `${formatDate(bar.period)}: ${count(bar.count, nouns)}`;
  const unitName = data.unit === 'month' ? 'по месяцам' : 'по годам';
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">
        Когда об этом писали <span class="unit">{unitName}</span>
      </h2>
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; the group names the bars' links */}
      <svg
        class="chart"
        width="100%"
        height={(data.unit === 'month' ? CHART.line2 : CHART.line1) + 5}
        role="group"
        aria-label={`Число совпадений ${unitName}, от ${formatDate(data.bars[0]?.period ?? '')} до ${formatDate(data.bars.at(-1)?.period ?? '')}`}
      >
        <line
          class="axis"
          x1="0"
          x2="100%"
          y1={CHART.top + CHART.plot + 0.5}
          y2={CHART.top + CHART.plot + 0.5}
        />
        {data.bars.map((bar, i) => {
          if (bar.count === 0) return null;
          const height = Math.max(CHART.minBar, Math.round((bar.count / max) * CHART.plot));
          return (
            <a
              href={href(bar.period)}
              aria-label={label(bar)}
              aria-current={bar.period === current ? 'true' : undefined}
              data-nav
              data-key={`period:${bar.period}`}
            >
              <title>{label(bar)}</title>
              <rect
                class="col"
                x={pct(left + i * step)}
                y={CHART.top}
                width={pct(step)}
                height={CHART.plot}
              />
              <rect
                class="bar"
                x={pct(left + i * step + gap)}
                y={CHART.top + CHART.plot - height}
                width={pct(step - 2 * gap)}
                height={height}
              />
            </a>
          );
        })}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: text only, nothing focusable; the links carry the figures */}
        <g aria-hidden="true" class="labels">
          <text x="100%" y="11" text-anchor="end">
            {`макс. ${max}`}
          </text>
          {axisLabels(data).map((l) => {
            // Narrow bars: the first and last labels align to the edges instead of spilling over them.
            const edge = step < 8 && (l.index === 0 || l.index === data.bars.length - 1);
            const anchor = !edge ? 'middle' : l.index === 0 ? 'start' : 'end';
            const x = !edge ? left + (l.index + 0.5) * step : l.index === 0 ? 0 : 100;
            return (
              <text
                x={pct(x)}
                y={l.line === 1 ? CHART.line1 : CHART.line2}
                text-anchor={anchor}
                class={l.line === 2 ? 'year' : undefined}
              >
                {l.text}
              </text>
            );
          })}
        </g>
      </svg>
      <details class="timeline-table">
        <summary>Показать таблицей</summary>
        <table>
          <caption class="visually-hidden">Число совпадений {unitName}</caption>
          <thead>
            <tr>
              <th scope="col">{data.unit === 'month' ? 'Месяц' : 'Год'}</th>
              <th scope="col">Найдено</th>
            </tr>
          </thead>
          <tbody>
            {data.bars
              .filter((bar) => bar.count > 0)
              .map((bar) => (
                <tr>
                  <th scope="row">
                    <a href={href(bar.period)} data-nav>
                      {formatDate(bar.period)}
                    </a>
                  </th>
                  <td>{count(bar.count, nouns)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </section>
  );
};
