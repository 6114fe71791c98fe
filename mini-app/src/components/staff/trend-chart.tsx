import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { formatDay, formatPercent } from '../../services/format/staff.ts';
import { UNIT_WORDS, type BucketUnit } from './bucket-words.ts';
import { ChartCanvas } from './chart-canvas.tsx';

/** One bucket of the series (a day, a week or a month), as the trends API cuts the range. */
export interface TrendPoint {
  readonly key: string;
  /** The axis label the API gives ("03/11", "03/11–09/11", "11/2026"). */
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly responses: number;
  readonly satisfiedShare: number | null;
  readonly dissatisfiedShare: number | null;
}


const spanOf = (p: TrendPoint) => (p.from === p.to ? formatDay(p.from) : `${formatDay(p.from)} – ${formatDay(p.to)}`);

/**
 * Satisfied and dissatisfied shares per bucket (lines, left axis) over the number of responses
 * (bars, right axis). The lines use monotone interpolation: a curve through 0 % and 100 % never
 * swings outside them, as a smoothed (Bézier) line would.
 */
export function TrendChart({ points, unit, title }: { readonly points: readonly TrendPoint[]; readonly unit: BucketUnit; readonly title: string }) {
  const config = useMemo((): ChartConfiguration => {
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    const line = { type: 'line', yAxisID: 'share', spanGaps: true, cubicInterpolationMode: 'monotone', pointRadius: points.length > 40 ? 2 : 3 } as const;
    return {
      type: 'bar',
      data: {
        labels: points.map((p) => p.label),
        datasets: [
          { ...line, label: 'Hài lòng (%)', data: points.map((p) => pct(p.satisfiedShare)), borderColor: '#0b7a43', backgroundColor: '#0b7a43' },
          { ...line, label: 'Không hài lòng (%)', data: points.map((p) => pct(p.dissatisfiedShare)), borderColor: '#c4161c', backgroundColor: '#c4161c' },
          { type: 'bar', label: 'Số phiếu', data: points.map((p) => p.responses), backgroundColor: 'rgba(0, 104, 255, 0.22)', yAxisID: 'count', borderRadius: 3 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              title: (items) => {
                const p = points[items[0]?.dataIndex ?? 0];
                return p ? spanOf(p) : '';
              },
              label: (item) => (item.dataset.yAxisID === 'share' ? `${item.dataset.label ?? ''}: ${formatPercent(item.parsed.y === null ? null : item.parsed.y / 100)}` : `Số phiếu: ${item.parsed.y}`),
            },
          },
        },
        scales: {
          // Fixed at 0–100 %: shares cannot leave it, and a fixed axis compares across ranges.
          share: { position: 'left', min: 0, max: 100, ticks: { callback: (v) => `${v}%` }, title: { display: true, text: 'Tỷ lệ' } },
          count: { position: 'right', beginAtZero: true, grid: { display: false }, ticks: { precision: 0 }, title: { display: true, text: 'Số phiếu' } },
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: unit === 'month' ? 12 : 8 } },
        },
      },
    };
  }, [points, unit]);
  const total = points.reduce((s, p) => s + p.responses, 0);
  return <ChartCanvas config={config} label={`${title}: biểu đồ tỷ lệ hài lòng và không hài lòng theo ${UNIT_WORDS[unit]}, tổng ${total} phiếu. Số liệu chi tiết ở bảng bên cạnh.`} />;
}
