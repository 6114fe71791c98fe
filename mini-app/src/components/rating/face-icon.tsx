const MOUTHS: Record<number, string> = {
  5: 'M10 19c2.5 4.5 9.5 4.5 12 0',
  4: 'M11 19.5c2 2.2 8 2.2 10 0',
  3: 'M11 20.5h10',
  2: 'M11 21.5c2-2.2 8-2.2 10 0',
  1: 'M10 23c2.5-4.5 9.5-4.5 12 0',
};

export interface FaceIconProps {
  /** Satisfaction level 1–5; anything else draws the neutral face. */
  readonly level: number;
  readonly size?: number;
}

/** A face for one satisfaction level; decorative (the button carries the label). */
export function FaceIcon({ level, size = 36 }: FaceIconProps) {
  const mouth = MOUTHS[level] ?? MOUTHS[3];
  return (
    <svg className={`face-icon face-${level}`} width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14.5" className="face-fill" />
      <circle cx="11.5" cy="13" r="1.9" className="face-ink" />
      <circle cx="20.5" cy="13" r="1.9" className="face-ink" />
      <path d={mouth} className="face-mouth" fill="none" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
