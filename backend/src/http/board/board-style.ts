/** Inline stylesheet of the board (one request, no assets: it runs on a counter TV and in iframes). */
export const BOARD_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;background:#eef1f4;color:#141415;line-height:1.4}
header{background:linear-gradient(135deg,#0068ff,#0050c8);color:#fff;padding:16px 20px}
header h1{margin:2px 0;font-size:clamp(22px,3.2vw,40px)}
.kicker,.sub{margin:0;font-size:clamp(15px,1.5vw,20px);opacity:.95}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px;padding:16px 20px;max-width:1600px;margin:0 auto}
.card{background:#fff;border-radius:14px;padding:16px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h2{margin:0;font-size:clamp(20px,2.2vw,30px);color:#0050c8}
.range{margin:2px 0 8px;color:#4a5056}
.channels{margin:4px 0 10px;color:#4a5056;font-size:.95em}
.headline{display:flex;align-items:center;gap:16px;flex-wrap:wrap;margin:4px 0 8px}
.big{margin:0;font-size:clamp(44px,6vw,84px);font-weight:800;color:#0b7a43;line-height:1}
.big-label{margin:0;font-size:clamp(16px,1.6vw,22px);color:#33383d}
h3{margin:14px 0 6px;font-size:clamp(16px,1.5vw,21px)}
ul{list-style:none;margin:0;padding:0}
.lv{display:grid;grid-template-columns:minmax(120px,10em) 1fr 3.5em 4.5em;align-items:center;gap:8px;padding:3px 0;font-size:clamp(15px,1.4vw,20px)}
.lv-bar{height:14px;background:#eef1f4;border-radius:7px;overflow:hidden}
.lv-bar span{display:block;height:100%;border-radius:7px}
.lv-5 .lv-bar span{background:#0f9d58}.lv-4 .lv-bar span{background:#5bb033}.lv-3 .lv-bar span{background:#e8a317}
.lv-2 .lv-bar span{background:#f06a29}.lv-1 .lv-bar span{background:#d93025}
.lv-n,.lv-pct{text-align:right;font-variant-numeric:tabular-nums}
.criteria li{display:flex;justify-content:space-between;gap:8px;padding:5px 0;border-bottom:1px solid #e3e6ea;font-size:clamp(15px,1.4vw,20px)}
.officers{width:100%;border-collapse:collapse;font-size:clamp(15px,1.3vw,19px)}
.officers th,.officers td{padding:5px 4px;border-bottom:1px solid #e3e6ea;text-align:right}
.officers th[scope=row],.officers th:first-child{text-align:left;font-weight:500}
a{color:#0050c8}
.pubs li{padding:8px 0;border-bottom:1px solid #e3e6ea;display:flex;flex-direction:column;gap:2px}
.pubs a{font-size:clamp(16px,1.5vw,21px);font-weight:600}
.pub-meta{color:#33383d}
.sha{font-size:12px;color:#4a5056;overflow-wrap:anywhere}
.notfound{max-width:640px;width:calc(100% - 32px);margin:24px auto;background:#fff;border-radius:14px;padding:20px 24px}
footer{padding:4px 20px 16px;max-width:1600px;margin:0 auto;color:#33383d;font-size:15px}
footer p{margin:4px 0}
.chain{font-size:12px;color:#4a5056;overflow-wrap:anywhere}
.chain code{font-size:12px}
@media (max-width:520px){.lv{grid-template-columns:minmax(0,1fr) 2.5em 4.5em;row-gap:2px}.lv-bar{grid-column:1/-1;grid-row:2}}
`;
