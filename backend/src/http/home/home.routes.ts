import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { listUnits } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { BOARD_CSS } from '../board/board-style.ts';

/** Units listed by name on the home page; beyond that, the code box alone (a province has thousands). */
const LISTED_UNITS = 40;

/** No script, no framing; the only form goes to /board on this origin. */
const HOME_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * `/`: a small page that leads to the two places people look for — the staff screens' sign-in
 * and the public board of a unit — instead of a JSON 404 (issue 26).
 */
export function homeRoutes(deps: Deps) {
  return new Hono().get('/', async (c) => {
    const units = await listUnits(deps.db.kysely);
    const listed = units.slice(0, LISTED_UNITS);
    c.header('Content-Security-Policy', HOME_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Hài Lòng – Khảo sát sự hài lòng tại Bộ phận một cửa</title>
<style>${raw(BOARD_CSS)}
.home{max-width:760px;margin:0 auto;padding:16px 20px;display:grid;gap:16px}
.btn{display:inline-block;background:#0068ff;color:#fff;text-decoration:none;font-weight:600;padding:12px 18px;border-radius:10px;font-size:18px}
.units li{padding:6px 0;border-bottom:1px solid #e3e6ea}
form{display:flex;gap:8px;flex-wrap:wrap;margin-top:8px}
input{font:inherit;padding:10px;border:1px solid #b7bec6;border-radius:8px;min-width:12em}
button{font:inherit;padding:10px 16px;border-radius:8px;border:0;background:#0b7a43;color:#fff;font-weight:600}
</style>
</head>
<body>
<header>
  <p class="kicker">Hài Lòng</p>
  <h1>Khảo sát sự hài lòng tại Bộ phận một cửa</h1>
  <p class="sub">Người dân đánh giá bằng Zalo khi quét mã QR tại quầy.</p>
</header>
<div class="home">
  <section class="card" aria-labelledby="h-staff">
    <h2 id="h-staff">Cán bộ, công chức</h2>
    <p>Xem số liệu hằng ngày, lập báo cáo, công bố kết quả và nhận cảnh báo.</p>
    <p><a class="btn" href="/app/staff" data-link="staff">Đăng nhập trang cán bộ</a></p>
  </section>
  <section class="card" aria-labelledby="h-board">
    <h2 id="h-board">Kết quả công khai</h2>
    <p>Bảng kết quả của từng đơn vị, dùng cho màn hình tại quầy và trang thông tin điện tử của xã, phường.</p>
    ${listed.length === 0
      ? html`<p>Chưa có đơn vị nào.</p>`
      : html`<ul class="units">${listed.map((u) => html`<li><a href="/board/${encodeURIComponent(u.code)}" data-link="board">${u.name}</a></li>`)}</ul>`}
    ${units.length > listed.length ? html`<p>… và ${units.length - listed.length} đơn vị khác: nhập mã đơn vị.</p>` : ''}
    <form action="/board" method="get">
      <label for="code">Mã đơn vị</label>
      <input id="code" name="code" required maxlength="64" autocomplete="off" placeholder="ví dụ: nam-dong" />
      <button type="submit">Xem kết quả</button>
    </form>
  </section>
</div>
</body>
</html>`);
  });
}
