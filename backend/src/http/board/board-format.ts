/** vi-VN conventions for the public board: comma decimals, dd/mm/yyyy, Vietnam time. */
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('vi-VN');
const time = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

export const formatPercent = (share: number | null): string => (share === null ? '–' : percent.format(share));
export const formatCount = (n: number): string => integer.format(n);
export const formatTime = (iso: string): string => time.format(new Date(iso));

/** "YYYY-MM-DD" → "dd/mm/yyyy". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
