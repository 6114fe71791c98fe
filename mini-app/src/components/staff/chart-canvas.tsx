import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

// Only the pieces the two charts use: keeps the Trends chunk small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip, Legend);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.color = '#33383d';
Chart.defaults.locale = 'vi-VN';

/**
 * A chart.js chart on a canvas. The canvas is an image to assistive technology (role="img" with a
 * summary); the same numbers are always in a table beside it.
 */
export function ChartCanvas({ config, label, height = 280 }: { readonly config: ChartConfiguration; readonly label: string; readonly height?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
