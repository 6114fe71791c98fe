import { formatViDate, vietnamDay } from './day.ts';

/** Where a campaign stands on a Vietnam day: before its window, in it, or after it. */
export type CampaignStatus = 'upcoming' | 'open' | 'closed';

export function campaignStatus(window: { opensOn: string; closesOn: string }, today: string): CampaignStatus {
  if (today < window.opensOn) return 'upcoming';
  if (today > window.closesOn) return 'closed';
  return 'open';
}

/** "26/10/2021 – 05/11/2021", as the seeds write a window. */
export const windowLabel = (window: { opensOn: string; closesOn: string }): string => `${formatViDate(window.opensOn)} – ${formatViDate(window.closesOn)}`;

/**
 * Why a form filled at `at` cannot count for the campaign, or null when it can: its Vietnam day
 * must fall in the window (inclusive; seed 003: 26/10/2021 – 05/11/2021), and not after today
 * (a device whose clock runs ahead). A form filled in the window and synced after it closed
 * still counts: the enumerator worked offline.
 */
export function windowProblem(at: Date, window: { opensOn: string; closesOn: string }, today: string): string | null {
  const day = vietnamDay(at);
  if (day < window.opensOn || day > window.closesOn) return `Ngoài thời gian khảo sát (${windowLabel(window)}).`;
  if (day > today) return `Thời điểm ghi phiếu (${formatViDate(day)}) ở sau hôm nay: kiểm tra ngày giờ của máy.`;
  return null;
}
