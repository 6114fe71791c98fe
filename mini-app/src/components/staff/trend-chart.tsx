import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { formatDay, formatPercent } from '../../services/format/staff.ts';
import { ChartCanvas } from './chart-canvas.tsx';

export interface TrendPoint {
  readonly day: string;
  readonly responses: number;
  readonly satisfiedShare: number | null;
  readonly dissatisfiedShare: number | null;
}

/** Satisfied and dissatisfied shares per day (lines, left axis) over the number of responses (bars, right axis). */
export function TrendChart({ points, title }: { readonly points: readonly TrendPoint[]; readonly title: string }) {
  const config = useMemo((): ChartConfiguration => {
    const labels = points.map((p) => formatDay(p.day).slice(0, 5));
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    return {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { type: 'line', label: 'Hài lòng (%)', data: points.map((p) => pct(p.satisfiedShare)), borderColor: '#0b7a43', backgroundColor: '#0b7a43', yAxisID: 'share', spanGaps: true, tension: 0.25, pointRadius: 3 },
          { type: 'line', label: 'Không hài lòng (%)', data: points.map((p) => pct(p.dissatisfiedShare)), borderColor: '#c4161c', backgroundColor: '#c4161c', yAxisID: 'share', spanGaps: true, tension: 0.25, pointRadius: 3 },
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
              title: (items) => formatDay(points[items[0]?.dataIndex ?? 0]?.day ?? ''),
              label: (item) => (item.dataset.yAxisID === 'share' ? `${item.dataset.label ?? ''}: ${formatPercent(item.parsed.y === null ? null : item.parsed.y / 100)}` : `Số phiếu: ${item.parsed.y}`),
            },
          },
        },
        scales: {
          share: { position: 'left', min: 0, max: 100, ticks: { callback: (v) => `${v}%` }, title: { display: true, text: 'Tỷ lệ' } },
          count: { position: 'right', beginAtZero: true, grid: { display: false }, ticks: { precision: 0 }, title: { display: true, text: 'Số phiếu' } },
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 } },
        },
      },
    };
  }, [points]);
  const total = points.reduce((s, p) => s + p.responses, 0);
  return <ChartCanvas config={config} label={`${title}: biểu đồ tỷ lệ hài lòng và không hài lòng theo ngày, tổng ${total} phiếu. Số liệu chi tiết ở bảng bên cạnh.`} />;
}
