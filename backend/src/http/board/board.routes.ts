import { Hono } from 'hono';
import { buildBoard } from '../../services/board.service.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../app-error.ts';
import { renderBoard } from './board-page.ts';

const FORM_KEY = /^[a-z][a-z0-9_]{0,31}$/;

/**
 * The public board: embedded as an iframe on commune websites, so unlike every other route it may
 * be framed by any site (frame-ancestors *). It has no forms, links or scripts to hijack, and its
 * CSP allows no script at all, so framing it grants a framing site nothing but the picture.
 */
const BOARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

export function boardRoutes(deps: Deps) {
  return new Hono().get('/:unitCode', async (c) => {
    const code = c.req.param('unitCode');
    const form = c.req.query('form') ?? 'counter';
    if (!FORM_KEY.test(form)) throw new AppError('not_found', 'Không tìm thấy phiếu khảo sát này.');
    const data = code.length <= 64 ? await buildBoard(deps, code, form) : undefined;
    if (!data) throw new AppError('not_found', 'Không tìm thấy đơn vị này.');
    c.header('Content-Security-Policy', BOARD_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'public, max-age=30');
    return c.html(renderBoard(data));
  });
}
