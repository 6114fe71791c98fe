import { useMemo, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { ComparisonReport, ComparisonRow } from '../../services/api/comparison.ts';
import { formatCount, formatPercent } from '../../services/format/staff.ts';
import { ChartCanvas } from './chart-canvas.tsx';
import './funnel-plot.css';
import './unit-funnel-plot.css';

type Outlier = ComparisonRow['outlier'];

// One look per outlier wording, by colour and by shape (as the officers' funnel plot does).
const LOOK: Record<Outlier, { color: string; fill: string; style: 'triangle' | 'circle' | 'rect'; radius: number }> = {
  higher: { color: '#c4161c', fill: '#c4161c', style: 'triangle', radius: 8 },
  lower: { color: '#0b7a43', fill: '#0b7a43', style: 'rect', radius: 7 },
  within: { color: '#0050c8', fill: '#0050c8', style: 'circle', radius: 6 },
  too_few: { color: '#6b7178', fill: '#ffffff', style: 'circle', radius: 5 },
};
const ORDER: readonly Outlier[] = ['higher', 'lower', 'within', 'too_few'];
export const OUTLIER_WORDS: Record<Outlier, string> = {
  higher: 'Cao hơn mức chung',
  lower: 'Thấp hơn mức chung',
  within: 'Trong phạm vi ngẫu nhiên',
  too_few: 'Ít phiếu, chưa so sánh',
};

/**
 * The units of a comparison on a funnel plot: each unit's dissatisfied share against its number
 * of responses, the overall share as the centre line and the API's 95 % and 99,8 % limits around
 * it (`funnelCurve`). A unit above the upper limits is dissatisfied more often than chance
 * explains; one below, less. A click on a point opens that unit (`onUnit`).
 */
export function UnitFunnelPlot({ report, onUnit }: { readonly report: ComparisonReport; readonly onUnit?: (unitId: string) => void }) {
  const open = useRef(onUnit);
  open.current = onUnit;
  const groups = useMemo(() => {
    const withData = report.units.filter((u) => u.responses > 0 && u.dissatisfiedShare !== null);
    return ORDER.map((outlier) => ({ outlier, units: withData.filter((u) => u.outlier === outlier) }));
  }, [report]);
  const config = useMemo((): ChartConfiguration => {
    const curve = report.funnelCurve ?? [];
    const line = (key: 'expected' | 'lower95' | 'upper95' | 'lower998' | 'upper998') => curve.map((l) => ({ x: l.n, y: l[key] * 100 }));
    const maxN = Math.max(1, curve.at(-1)?.n ?? 1, ...report.units.map((u) => u.responses));
    const unitAt = (datasetIndex: number, index: number): ComparisonRow | undefined => groups[datasetIndex]?.units[index];
    return {
      type: 'scatter',
      data: {
        datasets: [
          ...groups.map((g) => ({
            label: OUTLIER_WORDS[g.outlier],
            data: g.units.map((u) => ({ x: u.responses, y: (u.dissatisfiedShare ?? 0) * 100 })),
            backgroundColor: LOOK[g.outlier].fill,
            borderColor: LOOK[g.outlier].color,
            borderWidth: 2,
            pointStyle: LOOK[g.outlier].style,
            pointRadius: LOOK[g.outlier].radius,
            pointHoverRadius: LOOK[g.outlier].radius + 2,
          })),
          { type: 'line', label: 'Mức chung', data: line('expected'), borderColor: '#141415', borderWidth: 2, pointRadius: 0 },
          { type: 'line', label: 'Giới hạn 95%', data: line('upper95'), borderColor: '#e8a317', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn dưới 95%', data: line('lower95'), borderColor: '#e8a317', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn 99,8%', data: line('upper998'), borderColor: '#d93025', borderDash: [2, 3], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn dưới 99,8%', data: line('lower998'), borderColor: '#d93025', borderDash: [2, 3], pointRadius: 0, borderWidth: 2 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        onClick: (_event, elements) => {
          const hit = elements.find((e) => e.datasetIndex < ORDER.length);
          const u = hit ? unitAt(hit.datasetIndex, hit.index) : undefined;
          if (u) open.current?.(u.unitId);
        },
        onHover: (event, elements) => {
          const canvas = event.native?.target;
          if (canvas instanceof HTMLElement) canvas.style.cursor = elements.some((e) => e.datasetIndex < ORDER.length) ? 'pointer' : 'default';
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => item.datasetIndex < ORDER.length,
            callbacks: {
              label: (item) => {
                const u = unitAt(item.datasetIndex, item.dataIndex);
                return u ? `${u.name}: ${formatPercent(u.dissatisfiedShare)} không hài lòng trên ${formatCount(u.responses)} phiếu` : '';
              },
              afterLabel: (item) => {
                const u = unitAt(item.datasetIndex, item.dataIndex);
                return u ? `${u.outlierText}. Bấm để mở đơn vị.` : '';
              },
            },
          },
        },
        scales: {
          x: { type: 'linear', min: 0, suggestedMax: maxN * 1.08, title: { display: true, text: 'Số phiếu của đơn vị (n)' }, ticks: { precision: 0 } },
          y: { min: 0, max: 100, title: { display: true, text: 'Tỷ lệ không hài lòng' }, ticks: { callback: (v) => `${v}%` } },
        },
      },
    };
  }, [report, groups]);
  const counts = groups
    .filter((g) => g.units.length > 0)
    .map((g) => `${OUTLIER_WORDS[g.outlier]}: ${g.units.length}`)
    .join('; ');
  const overall = report.overall.dissatisfiedShare;
  return (
    <>
      <ChartCanvas
        config={config}
        height={320}
        label={`Biểu đồ phễu: ${groups.reduce((n, g) => n + g.units.length, 0)} đơn vị có phiếu, mức chung ${formatPercent(overall)} không hài lòng${counts ? `. ${counts}` : ''}. Chi tiết từng đơn vị ở bảng.`}
      />
      <ul className="funnel-legend" aria-label="Chú giải biểu đồ phễu">
        {ORDER.map((o) => (
          <li key={o}>
            <span className={`fl-mark ufp-${o}`} aria-hidden="true" />
            {OUTLIER_WORDS[o]}
          </li>
        ))}
        <li>
          <span className="fl-line fl-target" aria-hidden="true" />
          Mức chung {formatPercent(overall)}
        </li>
        <li>
          <span className="fl-line fl-95" aria-hidden="true" />
          Giới hạn 95%
        </li>
        <li>
          <span className="fl-line fl-998" aria-hidden="true" />
          Giới hạn 99,8%
        </li>
      </ul>
    </>
  );
}
