import type { PathCmd } from './receipt-text.ts';

/** Sub-rows sampled per pixel row; across a row, coverage is exact. */
const SUBROWS = 4;

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** +1 downwards, -1 upwards: the nonzero rule's winding. */
  dir: 1 | -1;
}

/** A path's edges, curves cut into segments of about a pixel. */
function edgesOf(cmds: readonly PathCmd[]): Edge[] {
  const edges: Edge[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x: number, y: number) => {
    if (y !== cy) edges.push(y > cy ? { x0: cx, y0: cy, x1: x, y1: y, dir: 1 } : { x0: x, y0: y, x1: cx, y1: cy, dir: -1 });
    cx = x;
    cy = y;
  };
  const steps = (...pts: number[]) => {
    let len = 0;
    for (let i = 2; i < pts.length; i += 2) len += Math.hypot(pts[i]! - pts[i - 2]!, pts[i + 1]! - pts[i - 1]!);
    return Math.max(2, Math.ceil(len));
  };
  for (const c of cmds) {
    if (c[0] === 'M') {
      if (cx !== sx || cy !== sy) line(sx, sy);
      sx = cx = c[1];
      sy = cy = c[2];
    } else if (c[0] === 'L') line(c[1], c[2]);
    else if (c[0] === 'Q') {
      const [, qx, qy, x, y] = c;
      const [ax, ay] = [cx, cy];
      const n = steps(ax, ay, qx, qy, x, y);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        line(u * u * ax + 2 * u * t * qx + t * t * x, u * u * ay + 2 * u * t * qy + t * t * y);
      }
    } else if (c[0] === 'C') {
      const [, c1x, c1y, c2x, c2y, x, y] = c;
      const [ax, ay] = [cx, cy];
      const n = steps(ax, ay, c1x, c1y, c2x, c2y, x, y);
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        line(u * u * u * ax + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x, u * u * u * ay + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y);
      }
    } else line(sx, sy);
  }
  if (cx !== sx || cy !== sy) line(sx, sy);
  return edges;
}

/** Adds the span [xa, xb) of one sub-row to a pixel row's coverage, partial pixels in part. */
function addSpan(cov: Float32Array, rowStart: number, width: number, xa: number, xb: number, weight: number): void {
  const a = Math.max(0, xa);
  const b = Math.min(width, xb);
  if (b <= a) return;
  const ia = Math.floor(a);
  const ib = Math.floor(b);
  if (ia === ib) {
    cov[rowStart + ia]! += (b - a) * weight;
    return;
  }
  cov[rowStart + ia]! += (ia + 1 - a) * weight;
  for (let i = ia + 1; i < ib; i++) cov[rowStart + i]! += weight;
  if (ib < width) cov[rowStart + ib]! += (b - ib) * weight;
}

/** Fills a path (nonzero rule) into `cov`, a width × height coverage map (1 = covered). */
export function fillPath(cov: Float32Array, width: number, height: number, cmds: readonly PathCmd[]): void {
  const edges = edgesOf(cmds);
  if (edges.length === 0) return;
  const top = Math.max(0, Math.floor(Math.min(...edges.map((e) => e.y0))));
  const bottom = Math.min(height, Math.ceil(Math.max(...edges.map((e) => e.y1))));
  const crossings: { x: number; dir: number }[] = [];
  for (let row = top; row < bottom; row++) {
    for (let s = 0; s < SUBROWS; s++) {
      const y = row + (s + 0.5) / SUBROWS;
      crossings.length = 0;
      for (const e of edges) if (y >= e.y0 && y < e.y1) crossings.push({ x: e.x0 + ((y - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
      crossings.sort((p, q) => p.x - q.x);
      let winding = 0;
      for (let i = 0; i < crossings.length; i++) {
        const before = winding;
        winding += crossings[i]!.dir;
        if (before === 0 && winding !== 0) {
          let j = i + 1;
          let w = winding;
          while (j < crossings.length && (w += crossings[j]!.dir) !== 0) j++;
          if (j < crossings.length) addSpan(cov, row * width, width, crossings[i]!.x, crossings[j]!.x, 1 / SUBROWS);
          i = j;
          winding = 0;
        }
      }
    }
  }
}

/** Fills a pixel-aligned rectangle. */
export function fillRect(cov: Float32Array, width: number, x: number, y: number, w: number, h: number): void {
  for (let r = y; r < y + h; r++) cov.fill(1, r * width + x, r * width + x + w);
}

/** Coverage to grey levels (0 black … 255 white): anti-aliased, or black-and-white for a thermal head that has no grey. */
export function toGrey(cov: Float32Array, mode: 'antialiased' | 'threshold'): Uint8Array {
  const out = new Uint8Array(cov.length);
  for (let i = 0; i < cov.length; i++) {
    const c = Math.min(1, cov[i]!);
    out[i] = mode === 'threshold' ? (c >= 0.5 ? 0 : 255) : Math.round(255 * (1 - c));
  }
  return out;
}
