import { LEVEL_LABELS } from '../../services/format/staff.ts';

type Levels = Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
/** The five levels with their labels, highest first: a response's `form.levels`. */
export type LevelScale = readonly { readonly value: number; readonly label: string }[];

const keyOf = (value: number) => String(value) as keyof Levels;

/** The five level counts, highest first, colour-coded; each labelled for screen readers. */
export function LevelChips({ levels, scale = LEVEL_LABELS }: { readonly levels: Levels; readonly scale?: LevelScale }) {
  return (
    <ul className="level-chips">
      {scale.map((l) => (
        <li key={l.value} className={`lc lc-${l.value}`} data-level={l.value} title={l.label}>
          <span className="sr-only">{l.label}: </span>
          {levels[keyOf(l.value)]}
        </li>
      ))}
    </ul>
  );
}

export function LevelLegend({ scale = LEVEL_LABELS }: { readonly scale?: LevelScale }) {
  return (
    <ul className="level-legend" aria-label="Chú giải mức đánh giá">
      {scale.map((l) => (
        <li key={l.value} className={`lc-key lc-${l.value}`}>
          {l.label}
        </li>
      ))}
    </ul>
  );
}
