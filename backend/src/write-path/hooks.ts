import type { Config } from '../config.ts';
import { alertRulesHook } from '../jobs/alert-rules.ts';
import { campaignLinksHook } from './campaign-links.ts';
import { rejectDuplicateRespondents } from './duplicate-respondents.ts';
import { ticketUsesHook } from './ticket-uses.ts';
import type { AfterAppend } from './writer.ts';

/**
 * What runs in every response batch's transaction, in this order: the duplicate-respondent
 * check first and a receipt ticket's one rating (ticket-uses.ts; either may roll the batch
 * back), then the alert outbox (rules 1 and 2), so alerts
 * exist iff their responses do; then campaign responses' links to their list entries
 * (campaign-links.ts). One list for the in-thread writer and the writer thread.
 */
export function appendHooks(config: Config, onAlert: () => void): AfterAppend[] {
  return [rejectDuplicateRespondents(config.ZALO_DEDUP_WINDOW_MINUTES), ticketUsesHook(), alertRulesHook(config, onAlert), campaignLinksHook()];
}
