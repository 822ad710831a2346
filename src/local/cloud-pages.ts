import type { Express, Response } from 'express';
import { FIELD, LEDGER_TABLE } from '../cloud/base/ledger-fields.js';
import { minuteIn } from '../domain/dates/days.js';
import type { DemoPerson } from './demo-people.js';
import type { LocalCloud, LocalDocument, StoredBlock } from './local-cloud.js';

/*
 * Local mode's stand-ins for Lark's document and Base pages: the document drawn from the very
 * blocks the bot wrote (so what is seen here is what Lark got), comments and sharing beside
 * it; the Base table as a page of its records. Server-rendered HTML, every value escaped.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** docx text background colours 1–7 (light pink … light grey); 3 is the 请核实 yellow. */
const BACKGROUND = ['', '#fbbfbc', '#fed4a4', '#fff258', '#b7edb1', '#bacefd', '#cdb2fa', '#eff0f1'];

const STYLE = `
body{margin:0;background:#f5f6f7;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329}
.top{background:#fff;border-bottom:1px solid #dee0e3;padding:10px 20px;font-size:13px;color:#646a73}
.top b{color:#1f2329;font-size:15px;margin-right:8px}.wrap{display:flex;gap:20px;padding:20px;justify-content:center;align-items:flex-start}
.page{background:#fff;width:820px;max-width:100%;padding:40px 56px;box-shadow:0 1px 4px rgba(0,0,0,.08);line-height:1.8}
h1{font-size:26px;margin:0 0 24px}h2{font-size:20px;margin:24px 0 8px}p{margin:6px 0;text-indent:2em}
.callout{background:#f0f4ff;border:1px solid #bacefd;border-radius:6px;padding:4px 12px;margin:4px 0 10px;font-size:13px;color:#3b4a6b}.callout p{text-indent:0}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}td,th{border:1px solid #dee0e3;padding:4px 8px}td p{text-indent:0;margin:0}
.side{width:300px;position:sticky;top:20px}.box{background:#fff;border-radius:8px;padding:12px 14px;margin-bottom:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);font-size:13px}
.box h3{font-size:14px;margin:0 0 8px}.comment{white-space:pre-wrap;border-left:3px solid #ffc60a;padding-left:8px}.muted{color:#8f959e}
.grid{background:#fff;margin:20px;box-shadow:0 1px 4px rgba(0,0,0,.08);overflow:auto}.grid table{margin:0;width:100%}.grid th{background:#f5f6f7;text-align:left;white-space:nowrap}.grid td:nth-child(1),.grid td:nth-child(7){white-space:nowrap}`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

function runs(b: StoredBlock): string {
  const content = (b as unknown as Record<string, { elements?: Array<{ text_run?: { content: string; text_element_style?: { bold?: boolean; background_color?: number } } }> }>)[b.block_type === 2 ? 'text' : 'heading2'];
  return (content?.elements ?? [])
    .map((e) => {
      const st = e.text_run?.text_element_style;
      const css = [st?.bold ? 'font-weight:600' : '', st?.background_color ? `background:${BACKGROUND[st.background_color] ?? '#fff258'}` : ''].filter(Boolean).join(';');
      return css ? `<span style="${css}">${esc(e.text_run?.content)}</span>` : esc(e.text_run?.content);
    })
    .join('');
}

function blockHtml(d: LocalDocument, id: string): string {
  const b = d.blocks.get(id);
  if (!b) return '';
  const kids = () => (b.children ?? []).map((c) => blockHtml(d, c)).join('');
  if (b.block_type === 4) return `<h2>${runs(b)}</h2>`;
  if (b.block_type === 2) return `<p>${runs(b)}</p>`;
  if (b.block_type === 19) return `<div class="callout">${kids()}</div>`;
  if (b.block_type === 32) return kids();
  if (b.block_type === 31) {
    const cols = b.table?.property.column_size ?? 1;
    const cells = b.children ?? [];
    const rows: string[] = [];
    for (let r = 0; r * cols < cells.length; r++) {
      const tag = r === 0 && b.table?.property.header_row ? 'th' : 'td';
      rows.push(`<tr>${cells.slice(r * cols, (r + 1) * cols).map((c) => `<${tag}>${blockHtml(d, c)}</${tag}>`).join('')}</tr>`);
    }
    return `<table>${rows.join('')}</table>`;
  }
  return '';
}

export function documentPage(d: LocalDocument, nameOf: (openId: string) => string): string {
  const perm = { full_access: '可管理', edit: '可编辑', view: '可阅读' } as const;
  const members = d.members.map((m) => `<div>${esc(nameOf(m.member_id))}：${perm[m.perm]}</div>`).join('');
  const link = d.publicPermission.link_share_entity === 'closed' ? '链接分享：已关闭' : '链接分享：未设置';
  const comments = d.comments.length ? d.comments.map((c) => `<div class="comment">${esc(c)}</div>`).join('') : '<div class="muted">暂无评论</div>';
  return page(
    d.title,
    `<div class="top"><b>${esc(d.title)}</b>飞书云文档（本地模式：按机器人写入的文档块绘制）</div>
<div class="wrap"><article class="page" id="doc"><h1>${esc(d.title)}</h1>${d.top.map((id) => blockHtml(d, id)).join('')}</article>
<aside class="side"><div class="box" id="comments"><h3>评论</h3>${comments}</div><div class="box" id="members"><h3>协作者</h3>${members}<div class="muted">${link}</div></div></aside></div>`,
  );
}

function cell(type: number, v: unknown, tz: string, nameOf: (id: string) => string): string {
  if (v === undefined || v === null) return '';
  if (type === FIELD.date && typeof v === 'number') return esc(minuteIn(new Date(v), tz).slice(0, 10).replace(/-/g, '/'));
  if (type === FIELD.checkbox) return v ? '✓' : '';
  if (type === FIELD.person && Array.isArray(v)) return esc(v.map((p: { id: string }) => nameOf(p.id)).join('、'));
  return esc(v);
}

export function mountCloudPages(app: Express, o: { cloud: LocalCloud; people: DemoPerson[]; timezone: string }): void {
  const nameOf = (id: string) => o.people.find((p) => p.openId === id)?.name ?? id.slice(-4);
  const missing = (res: Response, what: string) => res.status(404).type('html').send(page('未找到', `<div class="top">${esc(what)}</div>`));
  app.get('/local/docs/:id', (req, res) => {
    const d = o.cloud.documents.get(String(req.params.id));
    if (!d) return missing(res, '文档不存在或尚未生成');
    return res.type('html').send(documentPage(d, nameOf));
  });
  app.get('/local/base', (_req, res) => {
    const table = [...o.cloud.bases.values()].flatMap((b) => [...b.values()]).find((t) => t.name === LEDGER_TABLE);
    if (!table) return missing(res, '多维表格中还没有「企业诉求台账」：登记一件诉求或由管理员发送 /同步台账 后再看');
    const head = table.fields.map((f) => `<th>${esc(f.field_name)}</th>`).join('');
    const rows = [...table.records.values()]
      .sort((a, b) => String(a['编号']).localeCompare(String(b['编号'])))
      .map((r) => `<tr>${table.fields.map((f) => `<td>${cell(f.type, r[f.field_name], o.timezone, nameOf)}</td>`).join('')}</tr>`)
      .join('');
    return res.type('html').send(page(LEDGER_TABLE, `<div class="top"><b>${LEDGER_TABLE}</b>多维表格（本地模式） · 共 ${table.records.size} 条记录</div><div class="grid"><table id="ledger"><tr>${head}</tr>${rows}</table></div>`));
  });
}
