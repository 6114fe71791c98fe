import { useMemo, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { SatisfactionRule, TrendsReport } from '../../services/api/staff.ts';
import { formatPercent, formatPercentShort } from '../../services/format/staff.ts';
import { ChartCanvas } from './chart-canvas.tsx';
import { verdictFor, verdictWords } from './verdict.tsx';
import './funnel-plot.css';

type Funnel = TrendsReport['funnel'];
type FunnelOfficer = Funnel['officers'][number];

// One look per verdict, by colour and by shape (a reader who cannot tell red from amber still can).
const LOOK = {
  certain: { color: '#c4161c', style: 'triangle', radius: 8 },
  chance: { color: '#d08c00', style: 'rectRot', radius: 8 },
  ok: { color: '#0b7a43', style: 'circle', radius: 6 },
} as const;
const TONES = ['certain', 'chance', 'ok'] as const;

/**
 * Officers' dissatisfied share against their number of responses, with the threshold line at the
 * API's `funnel.target` and the 95 % and 99,8 % limits around it. The points are grouped and
 * coloured by the verdict's one wording (verdictOf): over the rule and certain (red), over the rule
 * but maybe chance (amber), not over (green). A click on a point opens that officer (`onOfficer`).
 */
export function FunnelPlot({ funnel, rule, onOfficer }: { readonly funnel: Funnel; readonly rule: SatisfactionRule; readonly onOfficer?: (officerId: string) => void }) {
  // The latest callback, without redrawing the chart when only the callback changes.
  const open = useRef(onOfficer);
  open.current = onOfficer;
  const groups = useMemo(() => {
    const people = funnel.officers.filter((o) => o.responses > 0);
    return TONES.map((tone) => ({ tone, people: people.filter((o) => verdictFor(o, rule).tone === tone) }));
  }, [funnel, rule]);
  const config = useMemo((): ChartConfiguration => {
    const words = verdictWords(rule);
    const target = funnel.target * 100;
    const line = (key: 'low95' | 'high95' | 'low998' | 'high998') => funnel.limits.map((l) => ({ x: l.n, y: l[key] * 100 }));
    const maxN = funnel.limits.at(-1)?.n ?? 1;
    const officerAt = (datasetIndex: number, index: number): FunnelOfficer | undefined => groups[datasetIndex]?.people[index];
    return {
      type: 'scatter',
      data: {
        datasets: [
          ...groups.map((g) => ({
            label: words[g.tone],
            data: g.people.map((o) => ({ x: o.responses, y: (o.dissatisfiedShare ?? 0) * 100 })),
            backgroundColor: LOOK[g.tone].color,
            borderColor: LOOK[g.tone].color,
            pointStyle: LOOK[g.tone].style,
            pointRadius: LOOK[g.tone].radius,
            pointHoverRadius: LOOK[g.tone].radius + 2,
          })),
          { type: 'line', label: `Ngưỡng ${formatPercentShort(funnel.target)}`, data: [{ x: 1, y: target }, { x: maxN, y: target }], borderColor: '#141415', borderWidth: 2, pointRadius: 0 },
          { type: 'line', label: 'Giới hạn 95%', data: line('high95'), borderColor: '#e8a317', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn 99,8%', data: line('high998'), borderColor: '#d93025', borderDash: [2, 3], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn dưới 95%', data: line('low95'), borderColor: '#e8a317', borderDash: [6, 4], pointRadius: 0, borderWidth: 1 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        onClick: (_event, elements) => {
          const hit = elements.find((e) => e.datasetIndex < TONES.length);
          const o = hit ? officerAt(hit.datasetIndex, hit.index) : undefined;
          if (o) open.current?.(o.officerId);
        },
        onHover: (event, elements) => {
          const canvas = event.native?.target;
          if (canvas instanceof HTMLElement) canvas.style.cursor = elements.some((e) => e.datasetIndex < TONES.length) ? 'pointer' : 'default';
        },
        plugins: {
          // The legend is HTML, below the chart: the verdicts' words are long and must wrap on a phone.
          legend: { display: false },
          tooltip: {
            filter: (item) => item.datasetIndex < TONES.length,
            callbacks: {
              label: (item) => {
                const o = officerAt(item.datasetIndex, item.dataIndex);
                return o ? `${o.name}: ${o.dissatisfied}/${o.responses} phiếu không hài lòng (${formatPercent(o.dissatisfiedShare)})` : '';
              },
              afterLabel: (item) => {
                const o = officerAt(item.datasetIndex, item.dataIndex);
                return o ? `${verdictFor(o, rule).label}. Bấm để xem chi tiết.` : '';
              },
            },
          },
        },
        scales: {
          x: { type: 'linear', min: 0, suggestedMax: maxN, title: { display: true, text: 'Số phiếu của cán bộ (n)' }, ticks: { precision: 0 } },
          y: { min: 0, max: 100, title: { display: true, text: 'Tỷ lệ không hài lòng' }, ticks: { callback: (v) => `${v}%` } },
        },
      },
    };
  }, [funnel, rule, groups]);
  const words = verdictWords(rule);
  const counts = groups
    .filter((g) => g.people.length > 0)
    .map((g) => `${words[g.tone]}: ${g.people.length}`)
    .join('; ');
  return (
    <>
      <ChartCanvas config={config} height={300} label={`Biểu đồ phễu: ${funnel.officers.length} cán bộ${counts ? `. ${counts}` : ''}. Chi tiết và đường dẫn tới từng cán bộ ở bảng bên cạnh.`} />
      <ul className="funnel-legend" aria-label="Chú giải biểu đồ phễu">
        {TONES.map((tone) => (
          <li key={tone}>
            <span className={`fl-mark fl-${tone}`} aria-hidden="true" />
            {words[tone]}
          </li>
        ))}
        <li>
          <span className="fl-line fl-target" aria-hidden="true" />
          Ngưỡng {formatPercentShort(funnel.target)}
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
