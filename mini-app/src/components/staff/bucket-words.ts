/** How a series is cut, as the trends and report APIs say it. */
export type BucketUnit = 'day' | 'week' | 'month';

/**
 * "ngày", "tuần", "tháng": what one point of a series is. Its own module so that Reports, which
 * draws no chart, does not pull the chart library in with it.
 */
export const UNIT_WORDS: Record<BucketUnit, string> = { day: 'ngày', week: 'tuần', month: 'tháng' };
