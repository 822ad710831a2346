import { randomUUID } from 'node:crypto';
import type { BaseRecord, CloudApi, CommentBody, DescendantBody, DocBlock, FolderFile, MembersBody, PublicPermissionBody, RecordFields, TableBody } from '../transport/cloud-api.js';
import { LarkApiError } from '../transport/lark-api.js';

/** A block as stored: its real id, its children's real ids. */
export type StoredBlock = DocBlock & { block_id: string; children?: string[] };

export interface LocalDocument {
  documentId: string;
  title: string;
  folderToken: string;
  createdTime: number;
  /** The page's children, in order. */
  top: string[];
  blocks: Map<string, StoredBlock>;
  comments: string[];
  members: MembersBody['members'];
  publicPermission: PublicPermissionBody;
}

export interface LocalTable {
  tableId: string;
  name: string;
  fields: NonNullable<NonNullable<TableBody['table']>['fields']>;
  records: Map<string, Record<string, unknown>>;
}

const id = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 22)}`;

/**
 * Lark's cloud documents and Base in memory: local mode writes here and its pages read from
 * here; the test fake Open API keeps its state here too (test/support/fake-cloud.ts). Like
 * Lark, a call repeated with the same client_token changes nothing and answers the same.
 */
export class LocalCloud implements CloudApi {
  readonly documents = new Map<string, LocalDocument>();
  readonly bases = new Map<string, Map<string, LocalTable>>();
  private readonly byToken = new Map<string, unknown>();
  /** Where links point (local mode: its own page). */
  constructor(private readonly urlOf: (documentId: string) => string = (d) => `https://example.feishu.cn/docx/${d}`) {}

  private once<T>(token: string, make: () => T): T {
    if (this.byToken.has(token)) return this.byToken.get(token) as T;
    const v = make();
    this.byToken.set(token, v);
    return v;
  }

  private doc(documentId: string): LocalDocument {
    const d = this.documents.get(documentId);
    if (!d) throw new LarkApiError(`document ${documentId} not found`, { retryable: false, httpStatus: 404, code: 1770002 });
    return d;
  }

  async createDocument(a: { folderToken: string; title: string }) {
    const documentId = id('doxcn');
    this.documents.set(documentId, { documentId, title: a.title, folderToken: a.folderToken, createdTime: Math.floor(Date.now() / 1000), top: [], blocks: new Map(), comments: [], members: [], publicPermission: {} });
    return { documentId };
  }

  async createDescendants(a: { documentId: string; blockId: string; body: DescendantBody; clientToken: string }) {
    const d = this.doc(a.documentId);
    this.once(`docx:${a.documentId}:${a.clientToken}`, () => {
      const real = new Map(a.body.descendants.map((b) => [b.block_id!, id('doxcn')]));
      for (const b of a.body.descendants) {
        const stored = { ...b, block_id: real.get(b.block_id!)! } as StoredBlock;
        if (b.children) stored.children = b.children.map((c) => real.get(c)!);
        d.blocks.set(stored.block_id, stored);
      }
      d.top.push(...a.body.children_id.map((c) => real.get(c)!));
      return true;
    });
  }

  async listFolder(folderToken: string): Promise<FolderFile[]> {
    return [...this.documents.values()].filter((d) => d.folderToken === folderToken).reverse().map((d) => ({ token: d.documentId, name: d.title, type: 'docx', createdTime: d.createdTime }));
  }

  async documentUrl(documentId: string) {
    this.doc(documentId);
    return this.urlOf(documentId);
  }

  async addMembers(a: { token: string; body: MembersBody }) {
    const d = this.doc(a.token);
    for (const m of a.body.members) if (!d.members.some((x) => x.member_id === m.member_id)) d.members.push(m);
  }

  async setPublicPermission(a: { token: string; body: PublicPermissionBody }) {
    const d = this.doc(a.token);
    d.publicPermission = { ...d.publicPermission, ...a.body };
  }

  async addComment(a: { token: string; body: CommentBody }) {
    const text = (a.body.reply_list?.replies ?? []).flatMap((r) => r.content.elements.map((e) => e.text_run?.text ?? '')).join('');
    this.doc(a.token).comments.push(text);
  }

  base(appToken: string): Map<string, LocalTable> {
    let b = this.bases.get(appToken);
    if (!b) this.bases.set(appToken, (b = new Map()));
    return b;
  }

  table(appToken: string, tableId: string): LocalTable {
    const t = this.base(appToken).get(tableId);
    if (!t) throw new LarkApiError(`table ${tableId} not found`, { retryable: false, httpStatus: 200, code: 1254041 });
    return t;
  }

  async listTables(appToken: string) {
    return [...this.base(appToken).values()].map((t) => ({ tableId: t.tableId, name: t.name }));
  }

  async createTable(appToken: string, body: TableBody) {
    const tableId = id('tbl');
    this.base(appToken).set(tableId, { tableId, name: body.table?.name ?? '数据表', fields: body.table?.fields ?? [], records: new Map() });
    return { tableId };
  }

  async batchCreateRecords(a: { appToken: string; tableId: string; records: RecordFields[]; clientToken: string }) {
    const t = this.table(a.appToken, a.tableId);
    return this.once(`bitable:${a.tableId}:${a.clientToken}`, () =>
      a.records.map((fields) => {
        const recordId = id('rec');
        t.records.set(recordId, { ...fields });
        return recordId;
      }),
    );
  }

  async batchUpdateRecords(a: { appToken: string; tableId: string; records: Array<{ recordId: string; fields: RecordFields }> }) {
    const t = this.table(a.appToken, a.tableId);
    const gone = a.records.find((r) => !t.records.has(r.recordId));
    if (gone) throw new LarkApiError(`record ${gone.recordId} not found`, { retryable: false, httpStatus: 200, code: 1254043 });
    for (const r of a.records) {
      const rec = t.records.get(r.recordId)!;
      for (const [k, v] of Object.entries(r.fields)) if (v === null) delete rec[k];
      else rec[k] = v;
    }
  }

  async listRecords(a: { appToken: string; tableId: string; pageToken?: string | undefined }): Promise<{ items: BaseRecord[]; pageToken?: string | undefined }> {
    const all = [...this.table(a.appToken, a.tableId).records.entries()];
    const from = Number(a.pageToken ?? 0);
    const items = all.slice(from, from + 500).map(([recordId, fields]) => ({ recordId, fields: { ...fields } }));
    return { items, pageToken: from + 500 < all.length ? String(from + 500) : undefined };
  }
}
