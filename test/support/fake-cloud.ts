import { LocalCloud } from '../../src/local/local-cloud.js';
import type { FakeOpenApi, RecordedRequest } from './fake-open-api.js';
import { checkDescendants, checkMembers, checkPublic, checkComment, checkTable, checkRecords } from './cloud-shapes.js';

type Answer = { status?: number; body: unknown };
const ok = (data: unknown): Answer => ({ body: { code: 0, msg: 'success', data } });

/**
 * docx, drive and bitable on the fake Open API, over HTTP like the rest: state in a LocalCloud,
 * every body checked against the documented shapes (cloud-shapes.ts, citing the SDK's
 * sections), and the documented limits: 3 docx calls a second per app (HTTP 400, code
 * 99991400) and 3 edits a second per document (HTTP 429).
 */
export class FakeCloud {
  readonly state = new LocalCloud();
  /** What the shape checks found; a test expects none. */
  readonly findings: string[] = [];
  /** Set to refuse: docs (folder not shared: HTTP 403, code 1770032) or base (HTTP 403, code 1254302). */
  refuse: { docs?: boolean; base?: boolean } = {};
  /** How often each limit answered. */
  readonly limited = { app: 0, document: 0 };
  private readonly appCalls: number[] = [];
  private readonly docEdits = new Map<string, number[]>();

  constructor(fake: FakeOpenApi) {
    const on = (method: string, re: RegExp, f: (r: RecordedRequest, m: RegExpExecArray) => Promise<Answer> | Answer) =>
      fake.on(method, re, async (r) => {
        try {
          return await f(r, re.exec(r.path)!);
        } catch (e) {
          // LocalCloud's errors carry Lark's HTTP status and code.
          const info = (e as { info?: { httpStatus?: number; code?: number } }).info ?? {};
          return { status: info.httpStatus ?? 500, body: { code: info.code ?? 500, msg: (e as Error).message } };
        }
      });
    on('POST', /^\/open-apis\/docx\/v1\/documents$/, (r) => this.docx(undefined, r, () => this.state.createDocument({ folderToken: r.body.folder_token, title: r.body.title }).then(({ documentId }) => ok({ document: { document_id: documentId, revision_id: 1, title: r.body.title } }))));
    on('POST', /^\/open-apis\/docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)\/descendant$/, (r, m) =>
      this.docx(m[1], r, () => {
        this.note(checkDescendants(r.body, r.query, m[1]!, m[2]!));
        return this.state.createDescendants({ documentId: m[1]!, blockId: m[2]!, body: r.body, clientToken: r.query.client_token! }).then(() => ok({ children: [], client_token: r.query.client_token }));
      }),
    );
    on('GET', /^\/open-apis\/drive\/v1\/files$/, (r) => this.docsRefused() ?? this.state.listFolder(r.query.folder_token!).then((fs) => ok({ files: fs.map((f) => ({ token: f.token, name: f.name, type: f.type, created_time: String(f.createdTime) })), has_more: false })));
    on('POST', /^\/open-apis\/drive\/v1\/metas\/batch_query$/, (r) => this.state.documentUrl(r.body.request_docs[0].doc_token).then((url) => ok({ metas: [{ doc_token: r.body.request_docs[0].doc_token, doc_type: 'docx', title: '', url }] })));
    on('POST', /^\/open-apis\/drive\/v1\/permissions\/([^/]+)\/members\/batch_create$/, (r, m) => {
      this.note(checkMembers(r.body, r.query));
      return this.state.addMembers({ token: m[1]!, body: r.body }).then(() => ok({ members: r.body.members }));
    });
    on('PATCH', /^\/open-apis\/drive\/v2\/permissions\/([^/]+)\/public$/, (r, m) => {
      this.note(checkPublic(r.body, r.query));
      return this.state.setPublicPermission({ token: m[1]!, body: r.body }).then(() => ok({ permission_public: r.body }));
    });
    on('POST', /^\/open-apis\/drive\/v1\/files\/([^/]+)\/comments$/, (r, m) => {
      this.note(checkComment(r.body, r.query));
      return this.state.addComment({ token: m[1]!, body: r.body }).then(() => ok({ comment_id: `c${Date.now()}`, is_whole: true }));
    });
    on('GET', /^\/open-apis\/bitable\/v1\/apps\/([^/]+)\/tables$/, (_r, m) => this.baseRefused() ?? this.state.listTables(m[1]!).then((ts) => ok({ items: ts.map((t) => ({ table_id: t.tableId, name: t.name })), has_more: false })));
    on('POST', /^\/open-apis\/bitable\/v1\/apps\/([^/]+)\/tables$/, (r, m) => {
      this.note(checkTable(r.body));
      return this.baseRefused() ?? this.state.createTable(m[1]!, r.body).then(({ tableId }) => ok({ table_id: tableId }));
    });
    on('POST', /^\/open-apis\/bitable\/v1\/apps\/([^/]+)\/tables\/([^/]+)\/records\/batch_create$/, (r, m) => {
      const refused = this.baseRefused();
      if (refused) return refused;
      this.note(checkRecords(r.body, r.query, this.state.table(m[1]!, m[2]!), 'create'));
      return this.state.batchCreateRecords({ appToken: m[1]!, tableId: m[2]!, records: r.body.records.map((x: { fields: unknown }) => x.fields), clientToken: r.query.client_token! }).then((ids) => ok({ records: ids.map((record_id, i) => ({ record_id, fields: r.body.records[i].fields })) }));
    });
    on('POST', /^\/open-apis\/bitable\/v1\/apps\/([^/]+)\/tables\/([^/]+)\/records\/batch_update$/, (r, m) => {
      const refused = this.baseRefused();
      if (refused) return refused;
      this.note(checkRecords(r.body, r.query, this.state.table(m[1]!, m[2]!), 'update'));
      const records = r.body.records.map((x: { record_id: string; fields: never }) => ({ recordId: x.record_id, fields: x.fields }));
      return this.state.batchUpdateRecords({ appToken: m[1]!, tableId: m[2]!, records }).then(() => ok({ records: r.body.records }));
    });
    on('GET', /^\/open-apis\/bitable\/v1\/apps\/([^/]+)\/tables\/([^/]+)\/records$/, (r, m) => {
      const t = this.state.table(m[1]!, m[2]!);
      const texts = new Set(t.fields.filter((f) => f.type === 1).map((f) => f.field_name));
      return this.state.listRecords({ appToken: m[1]!, tableId: m[2]!, pageToken: r.query.page_token }).then((p) =>
        // As Lark lists them: text as segments, persons with their names.
        ok({ items: p.items.map((i) => ({ record_id: i.recordId, fields: Object.fromEntries(Object.entries(i.fields).map(([k, v]) => [k, texts.has(k) && typeof v === 'string' ? [{ type: 'text', text: v }] : Array.isArray(v) ? v.map((x) => ({ ...x, name: '某人' })) : v])) })), has_more: Boolean(p.pageToken), page_token: p.pageToken ?? '', total: t.records.size }),
      );
    });
  }

  private note(found: string[]): void {
    this.findings.push(...found);
  }

  private docsRefused(): Answer | undefined {
    return this.refuse.docs ? { status: 403, body: { code: 1770032, msg: 'forbidden: the folder is not shared with the app' } } : undefined;
  }

  private baseRefused(): Answer | undefined {
    return this.refuse.base ? { status: 403, body: { code: 1254302, msg: 'Permission denied' } } : undefined;
  }

  /** docx create and descendant create: 3 a second per app, and 3 edits a second per document. */
  private docx(documentId: string | undefined, _r: RecordedRequest, f: () => Promise<Answer>): Promise<Answer> | Answer {
    const refused = this.docsRefused();
    if (refused) return refused;
    const now = Date.now();
    const recent = (list: number[]) => list.filter((t) => t > now - 1000).length;
    if (recent(this.appCalls) >= 3) {
      this.limited.app++;
      return { status: 400, body: { code: 99991400, msg: 'request trigger frequency limit' } };
    }
    if (documentId) {
      const edits = this.docEdits.get(documentId) ?? [];
      if (recent(edits) >= 3) {
        this.limited.document++;
        return { status: 429, body: { code: 99991400, msg: 'document edit frequency limit' } };
      }
      this.docEdits.set(documentId, [...edits.filter((t) => t > now - 1000), now]);
    }
    this.appCalls.push(now);
    if (this.appCalls.length > 50) this.appCalls.splice(0, this.appCalls.length - 10);
    return f();
  }
}
