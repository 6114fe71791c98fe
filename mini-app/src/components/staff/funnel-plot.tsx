import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { TrendsReport } from '../../services/api/staff.ts';
import { formatPercent, formatPercentShort } from '../../services/format/staff.ts';
import { ChartCanvas } from './chart-canvas.tsx';

type Funnel = TrendsReport['funnel'];

/**
 * Officers' dissatisfied share against their number of responses, with the threshold line at the
 * API's `funnel.target` and the 95 % and 99,8 % limits around it: a point above the limits is
 * unlikely to be chance at that n. `flagText` words a flagged officer ("trên … không hài lòng").
 */
export function FunnelPlot({ funnel, flagText }: { readonly funnel: Funnel; readonly flagText: string }) {
  const config = useMemo((): ChartConfiguration => {
    const target = funnel.target * 100;
    const line = (key: 'low95' | 'high95' | 'low998' | 'high998') => funnel.limits.map((l) => ({ x: l.n, y: l[key] * 100 }));
    const people = funnel.officers.filter((o) => o.responses > 0);
    const maxN = funnel.limits.at(-1)?.n ?? 1;
    return {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: 'Cán bộ',
            data: people.map((o) => ({ x: o.responses, y: (o.dissatisfiedShare ?? 0) * 100 })),
            backgroundColor: people.map((o) => (o.flagged ? '#c4161c' : '#0068ff')),
            pointRadius: 7,
            pointHoverRadius: 9,
          },
          { type: 'line', label: `Ngưỡng ${formatPercentShort(funnel.target)}`, data: [{ x: 1, y: target }, { x: maxN, y: target }], borderColor: '#141415', borderWidth: 2, pointRadius: 0 },
          { type: 'line', label: 'Giới hạn 95%', data: line('high95'), borderColor: '#e8a317', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn 99,8%', data: line('high998'), borderColor: '#d93025', borderDash: [2, 3], pointRadius: 0, borderWidth: 2 },
          { type: 'line', label: 'Giới hạn dưới 95%', data: line('low95'), borderColor: '#e8a317', borderDash: [6, 4], pointRadius: 0, borderWidth: 1 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: 'bottom', labels: { filter: (item) => item.text !== 'Giới hạn dưới 95%' } },
          tooltip: {
            filter: (item) => item.datasetIndex === 0,
            callbacks: {
              label: (item) => {
                const o = people[item.dataIndex];
                return o ? `${o.name}: ${o.dissatisfied}/${o.responses} phiếu không hài lòng (${formatPercent(o.dissatisfiedShare)})` : '';
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
  }, [funnel]);
  const flagged = funnel.officers.filter((o) => o.flagged).length;
  return <ChartCanvas config={config} height={300} label={`Biểu đồ phễu: ${funnel.officers.length} cán bộ, ${flagged} cán bộ ${flagText}. Chi tiết ở bảng bên dưới.`} />;
}
