import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DayRange } from '../../services/api/reports.ts';
import { periodPresets, recentPeriods } from './period-options.ts';
import { PeriodPicker } from './period-picker.tsx';

const TODAY = '2026-05-14';

function Harness(props: { readonly start: DayRange; readonly onChange?: (r: DayRange) => void; readonly custom?: boolean; readonly kinds?: readonly ('month' | 'quarter' | 'half' | 'year')[] }) {
  const [value, setValue] = useState(props.start);
  return (
    <PeriodPicker
      value={value}
      today={TODAY}
      custom={props.custom}
      kinds={props.kinds}
      onChange={(r) => {
        props.onChange?.(r);
        setValue(r);
      }}
    />
  );
}

const summary = () => document.querySelector('.period-summary')?.textContent;

describe('period options', () => {
  it('the presets are the domain presets of the day: month, quarter, first half, year, in full', () => {
    expect(periodPresets(TODAY).map((p) => [p.label, p.key, p.range.from, p.range.to])).toEqual([
      ['Tháng này', '2026-05', '2026-05-01', '2026-05-31'],
      ['Quý này', '2026-Q2', '2026-04-01', '2026-06-30'],
      ['6 tháng đầu năm', '2026-H1', '2026-01-01', '2026-06-30'],
      ['Năm nay', '2026', '2026-01-01', '2026-12-31'],
    ]);
  });

  it('lists earlier periods newest first, across year ends', () => {
    const keys = (kind: 'month' | 'quarter' | 'half' | 'year') => recentPeriods('2026-02-10', [kind])[0]!.periods.slice(0, 3).map((p) => p.key);
    expect(keys('month')).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(keys('quarter')).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(keys('half')).toEqual(['2026-H1', '2025-H2', '2025-H1']);
    expect(keys('year')).toEqual(['2026', '2025', '2024']);
  });
});

describe('PeriodPicker', () => {
  it('a preset sets its whole period, pressed, and the summary names it', async () => {
    const onChange = vi.fn();
    render(<Harness start={{ from: '2026-05-01', to: '2026-05-31' }} onChange={onChange} />);
    expect(screen.getByRole('button', { name: 'Tháng này' }).getAttribute('aria-pressed')).toBe('true');
    expect(summary()).toBe('Tháng 05/2026 (01/05/2026 – 31/05/2026); số liệu đến hôm nay, 14/05/2026');
    await userEvent.click(screen.getByRole('button', { name: 'Quý này' }));
    expect(onChange).toHaveBeenLastCalledWith({ from: '2026-04-01', to: '2026-06-30' });
    expect(screen.getByRole('button', { name: 'Quý này' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: 'Tháng này' }).getAttribute('aria-pressed')).toBe('false');
    expect(summary()).toMatch(/^Quý II\/2026 /);
  });

  it('an earlier period from the list, then a custom range of days', async () => {
    const onChange = vi.fn();
    render(<Harness start={{ from: '2026-05-01', to: '2026-05-31' }} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Chọn kỳ'), '2025-Q4');
    expect(onChange).toHaveBeenLastCalledWith({ from: '2025-10-01', to: '2025-12-31' });
    expect(summary()).toBe('Quý IV/2025 (01/10/2025 – 31/12/2025)');

    fireEvent.change(screen.getByLabelText(/^Đến/), { target: { value: '2025-11-20' } });
    expect(onChange).toHaveBeenLastCalledWith({ from: '2025-10-01', to: '2025-11-20' });
    expect(summary()).toBe('Khoảng ngày tự chọn: 01/10/2025 – 20/11/2025');
    expect((screen.getByLabelText('Chọn kỳ') as HTMLSelectElement).value).toBe('');
    // A start after the end moves the end with it: never an empty range.
    fireEvent.change(screen.getByLabelText(/^Từ/), { target: { value: '2025-12-05' } });
    expect(onChange).toHaveBeenLastCalledWith({ from: '2025-12-05', to: '2025-12-05' });
  });

  it('named periods of the given kinds only, without the custom range', () => {
    render(<Harness start={{ from: '2026-05-01', to: '2026-05-31' }} custom={false} kinds={['month', 'quarter', 'year']} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Tháng này', 'Quý này', 'Năm nay']);
    expect(screen.queryByLabelText(/^Từ/)).toBeNull();
    const groups = [...(screen.getByLabelText('Chọn kỳ') as HTMLSelectElement).querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['Tháng', 'Quý', 'Năm']);
  });
});
