import type { FormLevel } from '../../services/api/types.ts';
import type { LayoutNode } from '../../state/form-layout.ts';
import { QuestionBlock, type HeadingTag } from './question-block.tsx';

export interface FormSectionsProps {
  readonly layout: readonly LayoutNode[];
  readonly levels: readonly FormLevel[];
  readonly answers: Readonly<Record<string, number>>;
  readonly showMissing: boolean;
  readonly onChange: (key: string, value: number) => void;
  readonly onClear: (key: string) => void;
}

const HEADINGS: readonly HeadingTag[] = ['h2', 'h3', 'h4', 'h5', 'h6'];
/** h2 for a top-level group or an ungrouped question (h1 is the unit), one deeper per level. */
const headingAt = (depth: number): HeadingTag => HEADINGS[Math.min(depth, HEADINGS.length - 1)] ?? 'h6';

/**
 * The form's questions under their groups: a top-level group (an aspect) as a section with a
 * heading, its child groups (factors) as sub-sections, questions as cards. A form without groups
 * renders its questions alone, as before.
 */
export function FormSections({ layout, ...rest }: FormSectionsProps) {
  return (
    <>
      {layout.map((node) =>
        node.kind === 'question' ? (
          <QuestionBlock
            key={node.question.key}
            number={node.number}
            question={node.question}
            levels={rest.levels}
            value={rest.answers[node.question.key]}
            showMissing={rest.showMissing}
            heading={headingAt(node.depth)}
            onChange={rest.onChange}
            onClear={rest.onClear}
          />
        ) : (
          <Section key={node.group.key} node={node} {...rest} />
        ),
      )}
    </>
  );
}

function Section({ node, ...rest }: Omit<FormSectionsProps, 'layout'> & { readonly node: Extract<LayoutNode, { kind: 'section' }> }) {
  const Heading = headingAt(node.depth);
  const headingId = `g-${node.group.key}`;
  const body = (
    <>
      <Heading className={node.depth === 0 ? 'section-heading' : 'subsection-heading'} id={headingId}>
        {node.group.label}
      </Heading>
      <FormSections layout={node.items} {...rest} />
    </>
  );
  // Aspects are landmarks a screen reader can jump between; factors are plain groups, not ten more landmarks.
  return node.depth === 0 ? (
    <section className="form-section" aria-labelledby={headingId} data-group={node.group.key}>
      {body}
    </section>
  ) : (
    <div className="form-subsection" role="group" aria-labelledby={headingId} data-group={node.group.key}>
      {body}
    </div>
  );
}
