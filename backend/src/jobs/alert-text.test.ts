import { describe, expect, it } from 'vitest';
import { alertLink, crossingAlertText, digestText, responseAlertText } from './alert-text.ts';

describe('alertLink', () => {
  it('points at the page that loads the app (/app/) with the staff screen behind the hash', () => {
    const link = alertLink('https://hailong.example.vn', 'unit-1', 'alert-2');
    expect(link).toBe('https://hailong.example.vn/app/#/staff/alerts?unit=unit-1&alert=alert-2');
    const url = new URL(link);
    expect(url.pathname).toBe('/app/'); // the server answers it with index.html; ./assets/… resolve under /app/
    expect(url.search).toBe('');
    const inner = new URL(url.hash.slice(1), 'http://x');
    expect(inner.pathname).toBe('/staff/alerts');
    expect(Object.fromEntries(inner.searchParams)).toEqual({ unit: 'unit-1', alert: 'alert-2' });
  });

  it('without an alert id, the unit only; ids are URL-encoded', () => {
    expect(alertLink('http://127.0.0.1:8787', 'u 1&x')).toBe('http://127.0.0.1:8787/app/#/staff/alerts?unit=u+1%26x');
  });

  it('every alert text ends with the link', () => {
    const link = alertLink('http://h', 'u', 'a');
    const texts = [
      responseAlertText({ unitName: 'X', officerName: null, levelLabel: null, fieldName: null, issueLabels: [], comment: null, receivedAt: '2026-11-25T03:00:00Z', selfRating: false, link }),
      crossingAlertText({ unitName: 'X', officerName: 'A', period: '2026-11', n: 1, dissatisfied: 1, share: 1, interval: null, smallSample: true, verdict: 'Vượt 25% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)', link }),
      digestText({ unitName: 'X', day: '2026-11-25', responses: 0, satisfiedShare: null, dissatisfiedShare: null, flagged: [], link }),
    ];
    for (const t of texts) expect(t.split('\n').at(-1)).toBe('Xem: http://h/app/#/staff/alerts?unit=u&alert=a');
  });

  it('the 25 % alert says both answers in the one wording, the period and "ít dữ liệu"', () => {
    const t = crossingAlertText({ unitName: 'X', officerName: 'A', period: '2026-Q4', n: 4, dissatisfied: 2, share: 0.5, interval: { low: 0.15, high: 0.85 }, smallSample: true, verdict: 'Vượt 25% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)', evaluation: true, link: 'l' });
    expect(t).toContain('kết quả quý IV/2026 của cán bộ A: Vượt 25% (theo quy định) – có thể do ngẫu nhiên (ít phiếu)');
    expect(t).toContain('2/4 phiếu không hài lòng = 50,0%');
    expect(t).toContain('ít dữ liệu');
  });
});
