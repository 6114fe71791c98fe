import { Hono } from 'hono';
import { findUnitById } from '../../db/units.repository.ts';
import { findOfficer, listFields, listOfficers } from '../../db/officers.repository.ts';
import { RateLimiter, type RateDecision } from '../../security/rate-limiter.ts';
import { activePointContext, activePointForToken } from '../../services/points.service.ts';
import { recordResponse, storedReceiptFor } from '../../write-path/submit.ts';
import type { Deps } from '../../deps.ts';
import { clientAddress } from '../client-address.ts';
import { AppError } from '../../app-error.ts';
import { jsonBody } from '../middleware/validation.ts';
import { responseBodySchema } from './responses.schema.ts';
import { formView } from '../../services/form-view.ts';
import { RULE } from '../../domain/rule.ts';
import { dossierCodeHint } from '../../domain/ticket-refs.ts';
import { isTicketToken } from '../../security/ticket-token.ts';
import { openTicket } from '../../services/ticket-access.ts';

const officerView = (o: { id: string; name: string; title: string | null }) => ({ id: o.id, name: o.name, title: o.title });

export function publicRoutes(deps: Deps) {
  const { config } = deps;
  const perSource = new RateLimiter({ burst: config.RATE_LIMIT_SOURCE_BURST, perHour: config.RATE_LIMIT_SOURCE_PER_HOUR });
  const perPoint = new RateLimiter({ burst: config.RATE_LIMIT_POINT_BURST, perHour: config.RATE_LIMIT_POINT_PER_HOUR });
  const take = (limiter: RateLimiter, key: string): RateDecision => (config.RATE_LIMIT_ENABLED ? limiter.take(key, deps.now().getTime()) : { allowed: true, retryAfter: 0 });
  const limited = (d: RateDecision) => new AppError('rate_limited', undefined, { headers: { 'Retry-After': String(d.retryAfter) } });

  return new Hono<{ Variables: { sourceLimit: RateDecision } }>()
    .get('/points/:token', async (c) => {
      const token = c.req.param('token');
      // A receipt ticket (docs/tickets.md): its unit's receipt point, officer and field pre-set; 410 expired, 409 rated.
      const opened = isTicketToken(token) ? await openTicket(deps, token) : null;
      const point = opened ? opened.ctx.point : await activePointForToken(deps, token);
      const ticket = opened?.ticket;
      const db = deps.db.kysely;
      const [unit, officers, fields, deskOfficer, form] = await Promise.all([
        findUnitById(db, point.unitId),
        listOfficers(db, point.unitId, { activeOnly: true }),
        listFields(db, point.unitId, { activeOnly: true }),
        ticket ? Promise.resolve(ticket.officer ?? undefined) : point.officerId ? findOfficer(db, point.officerId) : Promise.resolve(undefined),
        deps.forms.latest(deps.db, point.formKey, deps.now().getTime()),
      ]);
      if (!unit || !form) throw new AppError('not_found');
      c.header('Cache-Control', 'no-store');
      return c.json({
        unit: { id: unit.id, code: unit.code, name: unit.name },
        // A kiosk point: the app runs in kiosk mode, a half-filled form cleared after this idle time.
        point: { id: point.id, label: point.label, kind: point.kind, kioskIdleSeconds: point.kind === 'kiosk' ? config.KIOSK_IDLE_SECONDS : null },
        officer: deskOfficer ? officerView(deskOfficer) : null,
        officers: deskOfficer ? [officerView(deskOfficer)] : officers.map(officerView),
        fields: (ticket?.field ? [ticket.field] : fields).map((f) => ({ id: f.id, name: f.name })),
        form: formView(form),
        // Never the dossier code itself: a link can travel.
        ticket: ticket ? { expiresAt: ticket.expiresAt.toISOString(), dossierCodeHint: dossierCodeHint(ticket.dossierCode) } : null,
        preset: ticket ? { officerId: ticket.officer?.id ?? null, fieldId: ticket.field?.id ?? null } : null,
      });
    })
    // The rule every flag and alert follows (domain/rule.ts): screens read it, never write 25 themselves.
    .get('/rule', (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json(RULE);
    })
    .post(
      '/responses',
      // Every post spends from its address's allowance, junk included; the decision is kept for
      // the handler, which first answers a retry of a stored response (always 200, README).
      async (c, next) => {
        c.set('sourceLimit', take(perSource, clientAddress(c, config.TRUST_PROXY)));
        await next();
      },
      jsonBody(responseBodySchema, { maxBytes: config.BODY_LIMIT_BYTES }),
      async (c) => {
        const body = c.req.valid('json');
        const storedBefore = () => storedReceiptFor(deps, body.token, body.clientId);
        const source = c.get('sourceLimit');
        if (!source.allowed) {
          const earlier = await storedBefore();
          if (earlier) return c.json(earlier, 200);
          throw limited(source);
        }
        try {
          const opened = isTicketToken(body.token) ? await openTicket(deps, body.token) : null;
          const ctx = opened ? opened.ctx : await activePointContext(deps, body.token);
          const perPointDecision = take(perPoint, `${clientAddress(c, config.TRUST_PROXY)}|${ctx.point.id}`);
          if (!perPointDecision.allowed) throw limited(perPointDecision);
          const outcome = await recordResponse(deps, ctx, {
            clientId: body.clientId,
            officerId: body.officerId,
            fieldId: body.fieldId,
            formVersion: body.formVersion,
            answers: body.answers,
            issues: body.issues,
            comment: body.comment === '' ? undefined : body.comment,
            dossierCode: body.dossierCode === '' ? undefined : body.dossierCode,
            channel: body.channel,
            zaloAccessToken: body.zaloAccessToken === '' ? undefined : body.zaloAccessToken,
          }, opened?.ticket);
          return c.json(outcome.receipt, outcome.created ? 201 : 200);
        } catch (err) {
          // A retry of a stored response gets its first answer even if the point was disabled or the
          // source is limited since: the phone must learn that it arrived, and stop retrying.
          const earlier = err instanceof AppError ? await storedBefore() : undefined;
          if (earlier) return c.json(earlier, 200);
          throw err;
        }
      },
    );
}
