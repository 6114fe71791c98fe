import type { CampaignList } from '../db/schema.ts';
import type { NewResponseInput } from './append.ts';
import type { AfterAppend } from './writer.ts';

/**
 * What an enumerator's response carries beside the answers (issue 29): the list entry it was
 * filled with. It is never stored with the response (no name travels with it anyway): the hook
 * below writes it to campaign_responses, and closes the entry, in the response's own transaction.
 */
export interface CampaignLink {
  campaignId: string;
  entryId: string;
  fieldKey: string;
  respondentKind: string;
  list: CampaignList;
  /** When the enumerator filled the form (the device's clock). */
  at: string;
  staffId: string | null;
  deviceId: string | null;
}

/** A response record with its campaign link (services/campaigns/campaign-sync.ts makes them). */
export type CampaignResponseInput = NewResponseInput & { campaign: CampaignLink };

/** The link a record carries, if it is a campaign's (records cross to the writer thread as plain objects). */
export function campaignLinkOf(r: NewResponseInput): CampaignLink | undefined {
  return 'campaign' in r ? (r as CampaignResponseInput).campaign : undefined;
}

/**
 * Writer hook: for each campaign response appended, its link (campaign_responses) and its
 * entry's outcome 'done' (campaign_entry_outcomes, keyed by the op id = the response's
 * clientId), in the batch's transaction — so a response never exists without its link, nor a
 * link without its response. An entry is closed once (unique entry_id): a second response for
 * it fails the batch, and the writer's one-by-one retry fails only that one.
 */
export function campaignLinksHook(): AfterAppend {
  const hook: AfterAppend = async (trx, _dialect, appended, batch) => {
    const linked = appended.flatMap((r) => {
      const link = campaignLinkOf(r);
      return link ? [{ r, link }] : [];
    });
    if (linked.length === 0) return;
    await batch.statements.atCommit(
      trx
        .insertInto('campaign_responses')
        .values(
          linked.map(({ r, link }) => ({
            response_id: r.id,
            campaign_id: link.campaignId,
            unit_id: r.unitId,
            entry_id: link.entryId,
            field_key: link.fieldKey,
            respondent_kind: link.respondentKind,
            day: r.day,
            list: link.list,
          })),
        )
        .compile(),
    );
    await batch.statements.atCommit(
      trx
        .insertInto('campaign_entry_outcomes')
        .values(
          linked.map(({ r, link }) => ({
            op_id: r.clientId,
            entry_id: link.entryId,
            campaign_id: link.campaignId,
            unit_id: r.unitId,
            kind: 'done' as const,
            response_id: r.id,
            note: null,
            at: link.at,
            recorded_at: r.receivedAt,
            staff_id: link.staffId,
            device_id: link.deviceId,
          })),
        )
        .compile(),
    );
  };
  // It only writes, after the append: PostgreSQL may send the append with the COMMIT.
  hook.readsAfterAppend = () => false;
  return hook;
}
