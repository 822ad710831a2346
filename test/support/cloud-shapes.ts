import type { LocalTable } from '../../src/local/local-cloud.js';

/*
 * The documented request shapes, as the SDK states them with their documentation
 * (node_modules/@larksuiteoapi/node-sdk/types/index.d.ts). Each check names its section; each
 * returns what it found wrong, empty when the body is as documented.
 */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const only = (o: Obj, keys: string[], at: string, out: string[]) => {
  for (const k of Object.keys(o)) if (!keys.includes(k)) out.push(`${at}: 不支持 ${k}`);
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** docx `document.block.descendant` create, text_run `text_element_style` keys. */
const STYLE_KEYS = ['bold', 'italic', 'strikethrough', 'underline', 'inline_code', 'background_color', 'text_color', 'link', 'comment_ids'];
/** The content key each block_type carries (docx BlockType: 2 text, 3–11 heading1–9, 19 callout, 31 table, 32 table_cell). */
const CONTENT_KEY: Record<number, string> = { 2: 'text', 3: 'heading1', 4: 'heading2', 5: 'heading3', 19: 'callout', 31: 'table', 32: 'table_cell' };

function checkElements(els: unknown, at: string, out: string[]): void {
  if (!Array.isArray(els) || els.length === 0) return void out.push(`${at}.elements 应为非空数组`);
  els.forEach((e, i) => {
    if (!isObj(e) || !isObj(e.text_run)) return void out.push(`${at}.elements[${i}] 应为 text_run`);
    only(e.text_run, ['content', 'text_element_style'], `${at}.elements[${i}].text_run`, out);
    if (typeof e.text_run.content !== 'string') out.push(`${at}.elements[${i}].text_run.content 应为字符串`);
    const st = e.text_run.text_element_style;
    if (st !== undefined) {
      only(st, STYLE_KEYS, `${at}.elements[${i}].text_element_style`, out);
      if (st.background_color !== undefined && !(Number.isInteger(st.background_color) && st.background_color >= 1 && st.background_color <= 15)) out.push(`${at} background_color 应为 1–15`);
    }
  });
}

/** docx: document.block.descendant create — children_id, descendants (≤ 1,000), params document_revision_id and client_token. */
export function checkDescendants(body: Obj, query: Obj, documentId: string, blockId: string): string[] {
  const out: string[] = [];
  only(body, ['children_id', 'index', 'descendants'], 'descendant', out);
  if (!UUID.test(query.client_token ?? '')) out.push('descendant: client_token 应为 uuid');
  if (query.document_revision_id !== '-1') out.push('descendant: document_revision_id 应为 -1');
  if (blockId !== documentId) out.push('descendant: 应写入文档根块（block_id 为 document_id）');
  const blocks: Obj[] = Array.isArray(body.descendants) ? body.descendants : [];
  if (blocks.length === 0 || blocks.length > 1000) out.push(`descendant: descendants 应为 1–1000 个块，实为 ${blocks.length}`);
  const ids = new Map(blocks.map((b) => [b.block_id, b]));
  if (ids.size !== blocks.length) out.push('descendant: block_id 重复');
  const reached = new Set<string>();
  for (const id of body.children_id ?? []) if (!ids.has(id)) out.push(`descendant: children_id ${id} 不在 descendants 中`);
  for (const b of blocks) {
    const at = `block ${b.block_id}`;
    const key = CONTENT_KEY[b.block_type];
    if (!key) {
      out.push(`${at}: block_type ${b.block_type} 未使用`);
      continue;
    }
    only(b, ['block_id', 'block_type', 'children', key], at, out);
    for (const c of b.children ?? []) {
      if (!ids.has(c)) out.push(`${at}: 子块 ${c} 不在 descendants 中`);
      reached.add(c);
    }
    if (key === 'text' || key.startsWith('heading')) {
      only(b[key], ['style', 'elements'], `${at}.${key}`, out);
      checkElements(b[key]?.elements, `${at}.${key}`, out);
    }
    if (key === 'callout') {
      only(b.callout, ['background_color', 'border_color', 'text_color'], `${at}.callout`, out);
      if (!b.children?.length) out.push(`${at}: Callout 至少需要一个子块`);
    }
    if (key === 'table_cell' && !b.children?.length) out.push(`${at}: TableCell 至少需要一个子块`);
    if (key === 'table') {
      const p = b.table?.property ?? {};
      only(b.table, ['property'], `${at}.table`, out);
      only(p, ['row_size', 'column_size', 'column_width', 'header_row', 'header_column'], `${at}.table.property`, out); // merge_info is read-only
      if (p.row_size * p.column_size !== (b.children ?? []).length) out.push(`${at}: 单元格数应为 row_size × column_size`);
      if ((b.children ?? []).some((c: string) => ids.get(c)?.block_type !== 32)) out.push(`${at}: 表格的子块应为 TableCell`);
    }
  }
  for (const b of blocks) if (!reached.has(b.block_id) && !(body.children_id ?? []).includes(b.block_id)) out.push(`block ${b.block_id}: 未挂在任何块下`);
  return out;
}

/** drive: permission.member batch_create — members [{member_type, member_id, perm, perm_type?, type?}], params type, need_notification. */
export function checkMembers(body: Obj, query: Obj): string[] {
  const out: string[] = [];
  only(body, ['members'], 'members', out);
  if (query.type !== 'docx') out.push('members: type 应为 docx');
  for (const m of body.members ?? []) {
    only(m, ['member_type', 'member_id', 'perm', 'perm_type', 'type', 'name', 'avatar', 'external_label'], 'member', out);
    if (m.member_type !== 'openid' || !/^ou_/.test(m.member_id)) out.push('member: 应以 openid 指定用户');
    if (!['view', 'edit', 'full_access'].includes(m.perm)) out.push(`member: perm ${m.perm} 无效`);
  }
  return out;
}

/** drive v2: permission.public patch — the documented keys and values. */
export function checkPublic(body: Obj, query: Obj): string[] {
  const allowed: Record<string, string[]> = {
    external_access_entity: ['open', 'closed', 'allow_share_partner_tenant'],
    security_entity: ['anyone_can_view', 'anyone_can_edit', 'only_full_access'],
    comment_entity: ['anyone_can_view', 'anyone_can_edit'],
    share_entity: ['anyone', 'same_tenant'],
    manage_collaborator_entity: ['collaborator_can_view', 'collaborator_can_edit', 'collaborator_full_access'],
    link_share_entity: ['tenant_readable', 'tenant_editable', 'partner_tenant_readable', 'partner_tenant_editable', 'anyone_readable', 'anyone_editable', 'closed'],
    copy_entity: ['anyone_can_view', 'anyone_can_edit', 'only_full_access'],
  };
  const out: string[] = [];
  if (query.type !== 'docx') out.push('public: type 应为 docx');
  for (const [k, v] of Object.entries(body)) if (!allowed[k]?.includes(v as string)) out.push(`public: ${k}=${String(v)} 不是文档所列取值`);
  return out;
}

/** drive: file.comment create — reply_list.replies[].content.elements[] of text_run | docs_link | person; file_type doc | docx. */
export function checkComment(body: Obj, query: Obj): string[] {
  const out: string[] = [];
  only(body, ['reply_list'], 'comment', out);
  if (query.file_type !== 'docx') out.push('comment: file_type 应为 docx');
  for (const r of body.reply_list?.replies ?? []) {
    for (const e of r.content?.elements ?? []) {
      if (!['text_run', 'docs_link', 'person'].includes(e.type)) out.push(`comment: element type ${e.type} 无效`);
      if (e.type === 'text_run' && typeof e.text_run?.text !== 'string') out.push('comment: text_run.text 应为字符串');
    }
  }
  if (!body.reply_list?.replies?.length) out.push('comment: 缺少 replies');
  return out;
}

/** bitable field types (app.table.field): 1 text, 2 number, 3 single select, 5 date, 7 checkbox, 11 person. */
const FIELD_PROPERTY: Record<number, string[]> = { 1: [], 2: ['formatter'], 3: ['options'], 5: ['date_formatter', 'auto_fill'], 7: [], 11: ['multiple'] };

/** bitable: app.table create — table {name, default_view_name, fields [{field_name, type, property?}]}. */
export function checkTable(body: Obj): string[] {
  const out: string[] = [];
  only(body, ['table'], 'table', out);
  only(body.table ?? {}, ['name', 'default_view_name', 'fields'], 'table', out);
  for (const f of body.table?.fields ?? []) {
    only(f, ['field_name', 'type', 'ui_type', 'property', 'description'], `field ${f.field_name}`, out);
    const keys = FIELD_PROPERTY[f.type];
    if (!keys) out.push(`field ${f.field_name}: type ${f.type} 未使用`);
    else if (f.property) only(f.property, keys, `field ${f.field_name}.property`, out);
  }
  if (body.table?.fields?.[0]?.type !== 1) out.push('table: 首列（索引列）应为文本');
  return out;
}

/** bitable: app.table.record batch_create / batch_update — values by field type; params user_id_type, client_token. */
export function checkRecords(body: Obj, query: Obj, table: LocalTable, op: 'create' | 'update'): string[] {
  const out: string[] = [];
  const types = new Map(table.fields.map((f) => [f.field_name, f.type]));
  if (query.user_id_type !== 'open_id') out.push('records: user_id_type 应为 open_id');
  if (op === 'create' && !UUID.test(query.client_token ?? '')) out.push('records: client_token 应为 uuid');
  const records: Obj[] = body.records ?? [];
  if (records.length === 0 || records.length > 1000) out.push(`records: 每次 1–1000 条，实为 ${records.length}`);
  for (const r of records) {
    only(r, op === 'create' ? ['fields'] : ['record_id', 'fields'], 'record', out);
    for (const [k, v] of Object.entries(r.fields ?? {})) {
      const t = types.get(k);
      const at = `record ${k}`;
      if (t === undefined) out.push(`${at}: 表中无此字段`);
      else if (v === null) op === 'create' && out.push(`${at}: 新增记录不应传 null`);
      else if ((t === 1 || t === 3) && typeof v !== 'string') out.push(`${at}: 应为字符串`);
      else if ((t === 2 || t === 5) && typeof v !== 'number') out.push(`${at}: 应为数字（日期为毫秒时间戳）`);
      else if (t === 7 && typeof v !== 'boolean') out.push(`${at}: 应为布尔值`);
      else if (t === 11 && !(Array.isArray(v) && v.every((p) => isObj(p) && /^ou_/.test(p.id) && Object.keys(p).length === 1))) out.push(`${at}: 人员应为 [{id: open_id}]`);
    }
  }
  return out;
}
