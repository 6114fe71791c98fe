const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000; // UTC+7 all year, no daylight saving

function vietnamParts(at: Date): { day: string; month: string; year: string; hour: string; minute: string } {
  const shifted = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: pad(shifted.getUTCDate()),
    month: pad(shifted.getUTCMonth() + 1),
    year: String(shifted.getUTCFullYear()),
    hour: pad(shifted.getUTCHours()),
    minute: pad(shifted.getUTCMinutes()),
  };
}

/** dd/mm/yyyy in Vietnam local time, whatever the device's time zone. */
export function formatVietnamDate(at: Date): string {
  const p = vietnamParts(at);
  return `${p.day}/${p.month}/${p.year}`;
}

/** HH:mm in Vietnam local time. */
export function formatVietnamTime(at: Date): string {
  const p = vietnamParts(at);
  return `${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD` from the server (a Vietnam-local day) → dd/mm/yyyy. */
export function formatIsoDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : null;
}
