import type { Channel } from '@hai-long/backend/domain/channels';
import type { TalliesReport } from '../../../services/api/staff.ts';
import { auth, ok, staffApi } from '../../../services/api/staff-http.ts';

/**
 * One day's tallies of a unit's form (`form` undefined: the counter form), of every channel or of
 * one (`channel`); `total.channels` counts every channel either way.
 */
export async function fetchDayTallies(unitId: string, day: string, form: string | undefined, channel: Channel | null): Promise<TalliesReport> {
  const query = { from: day, to: day, form, ...(channel ? { channel } : {}) };
  const res = await ok(staffApi().units[':unitId'].tallies.$get({ param: { unitId }, query }, auth()));
  return (await res.json()) as TalliesReport;
}
