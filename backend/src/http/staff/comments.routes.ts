import { Hono } from 'hono';
import { z } from 'zod';
import { addHandlingNote, listComments } from '../../services/comments.service.ts';
import type { Deps } from '../../deps.ts';
import type { AuthEnv } from '../middleware/auth.ts';
import { AppError } from '../../app-error.ts';
import { jsonBody, queryOf } from '../middleware/validation.ts';
import { formKeySchema, issueKeySchema } from './range.ts';

const listQuery = z.object({
  form: formKeySchema,
  officerId: z.string().max(64).optional(),
  fieldId: z.string().max(64).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  issue: issueKeySchema.optional(),
  handled: z.enum(['yes', 'no']).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const noteBody = z.strictObject({
  handled: z.boolean(),
  note: z.string().trim().max(2000).default(''),
});

/** Comments and misconduct reports: list newest first, and record handling as separate notes. */
export function commentsRoutes(deps: Deps) {
  return new Hono<AuthEnv>()
    .get('/:unitId/comments', queryOf(listQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await listComments(deps, {
          unitId: c.req.param('unitId'),
          formKey: q.form ?? 'counter',
          officerId: q.officerId,
          fieldId: q.fieldId,
          level: q.level,
          issue: q.issue,
          handled: q.handled === undefined ? undefined : q.handled === 'yes',
          beforeSeq: q.before,
          limit: q.limit,
        }),
      );
    })
    .post('/:unitId/comments/:responseId/notes', jsonBody(noteBody), async (c) => {
      const note = await addHandlingNote(deps, c.get('principal'), c.req.param('unitId'), c.req.param('responseId'), c.req.valid('json'));
      if (!note) throw new AppError('not_found');
      return c.json(note, 201);
    });
}
