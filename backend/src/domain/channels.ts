/**
 * How a response reached us (issue 28; API.md "Questionnaires, channels and paper ballots").
 * Stored with the response (and hashed with it), so older rows keep their word: `qr` was the
 * Mini App inside Zalo before channels were named; it reads as `zalo`.
 */
export const CHANNELS = ['zalo', 'web', 'kiosk', 'paper', 'enumerator'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What the public POST may claim; the server overrides it where it knows better (channelOf). */
export const CLAIMABLE_CHANNELS = ['zalo', 'web', 'kiosk', 'qr'] as const;
export type ClaimedChannel = (typeof CLAIMABLE_CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  zalo: 'Zalo (Mini App)',
  web: 'Trình duyệt (đường dẫn web)',
  kiosk: 'Kiosk tại Bộ phận một cửa',
  paper: 'Phiếu giấy (hòm phiếu)',
  enumerator: 'Điều tra viên',
};

/** A stored channel as one of CHANNELS: `qr` (before migration 012) is the Mini App in Zalo. */
export function normalizeChannel(stored: string): Channel {
  if (stored === 'qr') return 'zalo';
  return (CHANNELS as readonly string[]).includes(stored) ? (stored as Channel) : 'web';
}

/** The tally's pseudo-question counting a channel's responses (by their overall level): 'channel:zalo' … ('qr' as zalo). */
export const channelQuestionKey = (stored: string): string => `channel:${normalizeChannel(stored)}`;
export const CHANNEL_QUESTION_KEYS = CHANNELS.map((c) => `channel:${c}`);

/**
 * The channel of a response from the citizen's side, from what the server knows first: a Zalo
 * user confirmed by Zalo answered in Zalo; a kiosk point's answers come from its kiosk; else the
 * app's own word (inside Zalo, a browser, or kiosk mode opened by link), `web` by default.
 */
export function channelOf(a: { claimed?: ClaimedChannel | undefined; verified: boolean; pointKind: PointKind }): Channel {
  if (a.verified) return 'zalo';
  if (a.pointKind === 'kiosk') return 'kiosk';
  if (a.claimed === undefined) return 'web';
  return a.claimed === 'qr' ? 'zalo' : a.claimed;
}

/** A QR point is posted at a counter or a desk, or drives a kiosk (a shared tablet at the counter). */
export const POINT_KINDS = ['counter', 'kiosk'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
