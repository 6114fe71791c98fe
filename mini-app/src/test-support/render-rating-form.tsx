import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { RatingForm } from '../pages/rate/rating-form.tsx';
import type { PublicPoint, ResponseBody } from '../services/api/types.ts';
import type { SendOutcome } from '../services/api/public.ts';
import { createOutbox } from '../services/offline/outbox.ts';
import { memoryStorage } from './memory-storage.ts';

export const SENT: SendOutcome = { kind: 'sent', receipt: { id: 'r1', receivedAt: '2026-11-25T03:00:00Z', day: '2026-11-25' } };

/** Renders the rating form of a point with an outbox that records what it would post. */
export function renderRatingForm(point: PublicPoint, outcome: SendOutcome = SENT) {
  const sent: ResponseBody[] = [];
  const outbox = createOutbox({
    storage: memoryStorage(),
    send: async (body) => {
      sent.push(body);
      return outcome;
    },
    accessToken: async () => undefined,
  });
  const onSubmitted = vi.fn();
  const user = userEvent.setup();
  render(<RatingForm token="tok-1" point={point} outbox={outbox} onSubmitted={onSubmitted} />);
  return { sent, onSubmitted, user };
}

/** A question's card, by the id the form gives it. */
export function questionBlock(key: string): HTMLElement {
  const el = document.getElementById(`q-${key}`);
  if (!el) throw new Error(`no question ${key}`);
  return el;
}
