import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { publicationPdf } from '../../db/publications.repository.ts';
import { findUnitByCode } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { buildBoard } from '../../services/board.service.ts';
import { renderBoard } from './board-page.ts';
import { BOARD_CSS } from './board-style.ts';

const FORM_KEY = /^[a-z][a-z0-9_]{0,31}$/;
const PUBLICATION_FILE = /^([0-9A-Za-z_-]{1,36})\.pdf$/;

/**
 * The public board: embedded as an iframe on commune websites, so unlike every other route it may
 * be framed by any site (frame-ancestors *). It has no forms or scripts to hijack, its only links
 * are its published PDFs, and its CSP allows no script at all, so framing it grants a framing site
 * nothing but the picture.
 */
const BOARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

function boardHeaders(c: Context): void {
  c.header('Content-Security-Policy', BOARD_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
}

/** An HTML 404: the board is read by people in a browser or an iframe, not by programs. */
function notFound(c: Context, message: string) {
  boardHeaders(c);
  c.header('Cache-Control', 'no-store');
  return c.html(
    html`<!doctype html>
<html lang="vi">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Không tìm thấy – Hài Lòng</title><style>${raw(BOARD_CSS)}</style></head>
<body>
<header><p class="kicker">Kết quả đánh giá sự hài lòng của người dân, tổ chức</p><h1>Không tìm thấy</h1></header>
<div class="notfound"><p>${message}</p><p>Kiểm tra lại đường dẫn, hoặc mở <a href="/">trang chủ Hài Lòng</a> để chọn đơn vị.</p></div>
</body>
</html>`,
    404,
  );
}

export function boardRoutes(deps: Deps) {
  return (
    new Hono()
      // From the home page's "mã đơn vị" box: /board?code=nam-dong → /board/nam-dong.
      .get('/', (c) => {
        const code = (c.req.query('code') ?? '').trim().toLowerCase();
        if (!code || code.length > 64) return notFound(c, 'Chưa nhập mã đơn vị.');
        return c.redirect(`/board/${encodeURIComponent(code)}`, 302);
      })
      .get('/:unitCode', async (c) => {
        const code = c.req.param('unitCode');
        const form = c.req.query('form') ?? 'counter';
        if (!FORM_KEY.test(form) || !(await deps.forms.latest(deps.db, form, deps.now().getTime()))) return notFound(c, 'Không tìm thấy phiếu khảo sát này.');
        const data = code.length <= 64 ? await buildBoard(deps, code, form) : undefined;
        if (!data) return notFound(c, `Không có đơn vị mang mã "${code.slice(0, 64)}".`);
        boardHeaders(c);
        c.header('Cache-Control', 'public, max-age=30');
        return c.html(renderBoard(data));
      })
      // A published report, byte for byte as published: its SHA-256 is printed on the board.
      .get('/:unitCode/publications/:file', async (c) => {
        const m = PUBLICATION_FILE.exec(c.req.param('file'));
        const unit = m && c.req.param('unitCode').length <= 64 ? await findUnitByCode(deps.db.kysely, c.req.param('unitCode')) : undefined;
        const found = unit && m ? await publicationPdf(deps.db.kysely, unit.id, m[1]!) : undefined;
        if (!unit || !found) return notFound(c, 'Không tìm thấy báo cáo đã công bố này.');
        const { publication: p, pdf } = found;
        boardHeaders(c);
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="bao-cao-hai-long_${unit.code}_${p.periodKey}_cong-khai.pdf"`,
          'Cache-Control': 'public, max-age=86400, immutable',
          ETag: `"${p.sha256}"`,
          'X-Content-SHA256': p.sha256,
        });
      })
  );
}
