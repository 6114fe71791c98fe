import { describe, expect, it } from 'vitest';
import { campaignStatus, windowLabel, windowProblem } from './campaign-window.ts';

// Seed 003: Sơn Kim 1's window, 26/10/2021 – 05/11/2021.
const window = { opensOn: '2021-10-26', closesOn: '2021-11-05' };

describe('a campaign window, in Vietnam days', () => {
  it('is upcoming before its first day, open through its last, closed after', () => {
    expect(campaignStatus(window, '2021-10-25')).toBe('upcoming');
    expect(campaignStatus(window, '2021-10-26')).toBe('open');
    expect(campaignStatus(window, '2021-11-05')).toBe('open');
    expect(campaignStatus(window, '2021-11-06')).toBe('closed');
  });

  it('counts a form by the Vietnam day it was filled, not the UTC day', () => {
    // 25/10 17:00 UTC is 26/10 00:00 in Vietnam: the first minute of the window.
    expect(windowProblem(new Date('2021-10-25T17:00:00Z'), window, '2021-11-10')).toBeNull();
    expect(windowProblem(new Date('2021-10-25T16:59:59Z'), window, '2021-11-10')).toBe('Ngoài thời gian khảo sát (26/10/2021 – 05/11/2021).');
    // 05/11 23:59 in Vietnam is still in; 06/11 00:00 is not.
    expect(windowProblem(new Date('2021-11-05T16:59:59Z'), window, '2021-11-10')).toBeNull();
    expect(windowProblem(new Date('2021-11-05T17:00:00Z'), window, '2021-11-10')).toMatch(/^Ngoài thời gian khảo sát/);
  });

  it('refuses a form dated after today (a clock running ahead), and keeps one synced after the window closed', () => {
    expect(windowProblem(new Date('2021-10-28T03:00:00Z'), window, '2021-10-27')).toMatch(/sau hôm nay/);
    expect(windowProblem(new Date('2021-11-04T03:00:00Z'), window, '2021-12-01')).toBeNull();
  });

  it('writes the window as the seeds do', () => {
    expect(windowLabel(window)).toBe('26/10/2021 – 05/11/2021');
  });
});
