import { z } from 'zod';
import { AppError } from '../../app-error.ts';
import { daysBetween, isValidDay, vietnamDay } from '../../domain/day.ts';
import type { Deps } from '../../deps.ts';

export const daySchema = z.string().refine(isValidDay, 'Ngày phải có dạng YYYY-MM-DD.');

const KEY = /^[a-z][a-z0-9_]{0,31}$/;
/** `?form=<key>`: the form whose figures are read; the handlers read the counter form unless one is named (optional, so that the typed client need not send it). */
export const formKeySchema = z.string().regex(KEY, 'Mã phiếu không hợp lệ.').optional();
export const issueKeySchema = z.string().regex(KEY, 'Mã phản ánh không hợp lệ.');

/** `?from&to`, as every staff route takes them. */
export const rangeQuerySchema = z.object({ from: daySchema.optional(), to: daySchema.optional() });

export const todayOf = (deps: Deps): string => vietnamDay(deps.now());

/**
 * A Vietnam-local day range from `?from&to`, with the route's defaults for what is missing; then
 * one check with one wording for every route: from ≤ to, at most `maxDays` days.
 */
export function dayRange(q: { from?: string | undefined; to?: string | undefined }, defaults: { from: () => string; to: () => string }, maxDays: number): { from: string; to: string } {
  const from = q.from ?? defaults.from();
  const to = q.to ?? defaults.to();
  if (from > to) throw new AppError('invalid_input', '"from" phải trước hoặc bằng "to".', { details: [{ path: 'from', message: 'after to' }] });
  if (daysBetween(from, to) > maxDays) {
    throw new AppError('invalid_input', `Khoảng thời gian quá dài (tối đa ${maxDays} ngày).`, { details: [{ path: 'to', message: 'range too long' }] });
  }
  return { from, to };
}
