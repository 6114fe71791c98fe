import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { vietnamDay } from '../../domain/day.ts';
import { LEVELS } from '../../domain/levels.ts';
import type { Shares } from '../../domain/results.ts';
import type { BoardData, BoardPeriod, BoardPublication } from '../../services/board.service.ts';
import { formatCount, formatDay, formatPercent, formatTime } from './board-format.ts';
import { BOARD_CSS } from './board-style.ts';

export const BOARD_REFRESH_SECONDS = 60;

const vietnamDayOf = (iso: string) => vietnamDay(new Date(iso));

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function periodTitle(p: BoardPeriod): string {
  return p.key === 'month' ? `Tháng ${p.from.slice(5, 7)}/${p.from.slice(0, 4)}` : `Năm ${p.from.slice(0, 4)}`;
}

function levelRows(s: Shares): Html {
  return html`${LEVELS.map((l) => {
    const n = s.levels[String(l.value) as keyof Shares['levels']];
    const share = s.responses === 0 ? 0 : n / s.responses;
    return html`<li class="lv lv-${l.value}" data-level="${l.value}" data-count="${n}">
      <span class="lv-label">${l.label}</span>
      <span class="lv-bar" aria-hidden="true"><span style="width:${(share * 100).toFixed(1)}%"></span></span>
      <span class="lv-n">${formatCount(n)}</span><span class="lv-pct">${s.responses === 0 ? '–' : formatPercent(share)}</span>
    </li>`;
  })}`;
}

function periodCard(p: BoardPeriod): Html {
  const t = p.total;
  return html`<section class="card" data-period="${p.key}" data-from="${p.from}" data-to="${p.to}" data-responses="${t.responses}" aria-labelledby="h-${p.key}">
    <h2 id="h-${p.key}">${periodTitle(p)}</h2>
    <p class="range">Từ ${formatDay(p.from)} đến ${formatDay(p.to)}</p>
    <div class="headline">
      <p class="big" data-satisfied="${t.satisfiedShare ?? ''}">${formatPercent(t.satisfiedShare)}</p>
      <p class="big-label">hài lòng và rất hài lòng<br /><strong>${formatCount(t.responses)}</strong> lượt đánh giá</p>
    </div>
    ${p.channels.length > 0 ? html`<p class="channels" data-channels="${p.channels.map((c) => `${c.channel}:${c.responses}`).join(' ')}">Qua: ${p.channels.map((c, i) => html`${i > 0 ? ' · ' : ''}${c.label} <strong>${formatCount(c.responses)}</strong>`)}</p>` : ''}
    <h3>Mức độ hài lòng chung</h3>
    <ul class="levels">${levelRows(t)}</ul>
    <h3>Theo tiêu chí (tỷ lệ hài lòng)</h3>
    <ul class="criteria">${p.questions.map(
      (q) => html`<li data-question="${q.key}" data-responses="${q.shares.responses}"><span>${q.label}</span><strong>${formatPercent(q.shares.satisfiedShare)}</strong></li>`,
    )}</ul>
    ${p.officers ? officerTable(p) : ''}
  </section>`;
}

function officerTable(p: BoardPeriod): Html {
  return html`<h3>Theo cán bộ, công chức</h3>
    <table class="officers">
      <thead><tr><th scope="col">Cán bộ, công chức</th><th scope="col">Lượt</th><th scope="col">Hài lòng</th></tr></thead>
      <tbody>${(p.officers ?? []).map(
        (o) => html`<tr><th scope="row">${o.name}</th><td>${formatCount(o.shares.responses)}</td><td>${formatPercent(o.shares.satisfiedShare)}</td></tr>`,
      )}</tbody>
    </table>`;
}

function publishedList(list: BoardPublication[]): Html {
  return html`<section class="card published" aria-labelledby="h-published">
    <h2 id="h-published">Kết quả đã công bố</h2>
    <p class="range">Báo cáo chính thức của từng kỳ, tải về nguyên bản. Mã SHA-256 dùng để kiểm tra bản in hoặc bản tải về có đúng bản đã công bố.</p>
    <ul class="pubs">${list.map(
      (p) => html`<li data-publication="${p.id}" data-sha256="${p.sha256}">
        <a href="${p.href}" target="_blank" rel="noopener">${p.label}</a>
        <span class="pub-meta">${formatPercent(p.satisfiedShare)} hài lòng · ${formatCount(p.responses)} lượt · công bố ngày ${formatDay(vietnamDayOf(p.publishedAt))} · PDF ${formatCount(Math.ceil(p.bytes / 1024))} KB</span>
        <span class="sha">SHA-256: <code>${p.sha256}</code></span>
      </li>`,
    )}</ul>
  </section>`;
}

/** The whole page; every value goes through hono/html's escaping (names are user-entered text). */
export function renderBoard(d: BoardData): Html {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="refresh" content="${BOARD_REFRESH_SECONDS}" />
<title>Kết quả đánh giá sự hài lòng – ${d.unit.name}</title>
<style>${raw(BOARD_CSS)}</style>
</head>
<body>
<header>
  <p class="kicker">Kết quả đánh giá sự hài lòng của người dân, tổ chức</p>
  <h1>${d.unit.name}</h1>
  <p class="sub">Bộ phận tiếp nhận và trả kết quả — số liệu công khai, cập nhật liên tục</p>
</header>
<main>${d.periods.map(periodCard)}${d.published.length > 0 ? publishedList(d.published) : ''}</main>
<footer>
  <p>Cập nhật lúc <time datetime="${d.generatedAt}">${formatTime(d.generatedAt)} ngày ${formatDay(d.today)}</time>; trang tự làm mới sau mỗi ${BOARD_REFRESH_SECONDS} giây.</p>
  <p class="chain" data-chain-seq="${d.chainHead?.seq ?? 0}">Mã kiểm chứng (đầu chuỗi băm${d.chainHead ? `, phiếu số ${d.chainHead.seq}` : ''}): <code>${d.chainHead?.hash ?? '–'}</code></p>
</footer>
</body>
</html>`;
}
