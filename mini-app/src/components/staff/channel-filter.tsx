import { CHANNEL_LABELS, CHANNELS, type Channel } from '@hai-long/backend/domain/channels';
import { formatCount } from '../../services/format/staff.ts';
import './channel-filter.css';

export const ALL_CHANNELS_LABEL = 'Tất cả kênh';

export interface ChannelFilterProps {
  /** The channel the figures are of; null: every channel. */
  readonly value: Channel | null;
  readonly onChange: (channel: Channel | null) => void;
  /** Responses per channel (the API's `total.channels`); absent while loading. */
  readonly counts?: Partial<Record<Channel, number>> | undefined;
}

/**
 * "Kênh tiếp nhận": how many responses came by each channel, and which channel the screen's
 * figures are of — one button per channel with its count, "Tất cả kênh" first.
 */
export function ChannelFilter({ value, onChange, counts }: ChannelFilterProps) {
  const total = counts ? CHANNELS.reduce((sum, c) => sum + (counts[c] ?? 0), 0) : undefined;
  const options: { key: Channel | null; label: string; count: number | undefined }[] = [
    { key: null, label: ALL_CHANNELS_LABEL, count: total },
    ...CHANNELS.map((c) => ({ key: c, label: CHANNEL_LABELS[c], count: counts ? (counts[c] ?? 0) : undefined })),
  ];
  return (
    <section className="channel-filter" aria-labelledby="channel-filter-title">
      <h2 id="channel-filter-title" className="channel-filter-title">
        Kênh tiếp nhận
      </h2>
      <div className="channel-chips" role="group" aria-labelledby="channel-filter-title">
        {options.map((o) => {
          const pressed = o.key === value;
          return (
            <button
              key={o.key ?? 'all'}
              type="button"
              className={`channel-chip${pressed ? ' is-pressed' : ''}${o.count === 0 ? ' is-empty' : ''}`}
              aria-pressed={pressed}
              aria-label={o.count === undefined ? o.label : `${o.label}: ${formatCount(o.count)} phiếu`}
              data-channel={o.key ?? 'all'}
              onClick={() => onChange(o.key)}
            >
              <span className="channel-chip-label">{o.label}</span>
              {o.count !== undefined && <span className="channel-chip-count">{formatCount(o.count)}</span>}
            </button>
          );
        })}
      </div>
      {value && (
        <p className="channel-filter-note">
          Số liệu dưới đây chỉ tính phiếu qua kênh “{CHANNEL_LABELS[value]}”.
        </p>
      )}
    </section>
  );
}
