import type * as lark from '@larksuiteoapi/node-sdk';
import type { CloudApi } from './cloud-api.js';
import { LarkApiError } from './lark-api.js';
import { call } from './sdk-call.js';

/**
 * docx, drive and bitable through the SDK client that lark-client.ts made (that file stays the
 * only one that creates it). Each method is one documented Open API call; its body type is
 * the SDK's (cloud-api.ts), so the section named beside it is the reference.
 */
export function createCloudClient(client: lark.Client): CloudApi {
  return {
    async createDocument({ folderToken, title }) {
      // docx: document.create
      const data = await call('docx.document.create', () => client.docx.document.create({ data: { folder_token: folderToken, title } }));
      const documentId = data.document?.document_id;
      if (!documentId) throw new LarkApiError('docx.document.create: no document_id', { retryable: true });
      return { documentId };
    },
    async createDescendants({ documentId, blockId, body, clientToken }) {
      // docx: document.block.descendant create (document_revision_id -1: the latest)
      await call('docx.documentBlockDescendant.create', () =>
        client.docx.documentBlockDescendant.create({ path: { document_id: documentId, block_id: blockId }, params: { document_revision_id: -1, client_token: clientToken }, data: body }),
      );
    },
    async listFolder(folderToken) {
      // drive: file.list (newest first: a document made by a call that timed out is near the top)
      const data = await call('drive.file.list', () => client.drive.file.list({ params: { folder_token: folderToken, page_size: 200, order_by: 'CreatedTime', direction: 'DESC' } }));
      return (data.files ?? []).map((f) => ({ token: f.token, name: f.name, type: f.type, createdTime: f.created_time ? Number(f.created_time) : undefined }));
    },
    async documentUrl(documentId) {
      // drive: meta.batch_query with_url
      const data = await call('drive.meta.batchQuery', () => client.drive.meta.batchQuery({ data: { request_docs: [{ doc_token: documentId, doc_type: 'docx' }], with_url: true } }));
      const url = data.metas?.[0]?.url;
      if (!url) throw new LarkApiError('drive.meta.batchQuery: no url', { retryable: true });
      return url;
    },
    async addMembers({ token, body }) {
      // drive: permission.member batch_create (no notification: the bot's own card says it)
      await call('drive.permissionMember.batchCreate', () => client.drive.permissionMember.batchCreate({ path: { token }, params: { type: 'docx', need_notification: false }, data: body }));
    },
    async setPublicPermission({ token, body }) {
      // drive v2: permission.public patch
      await call('drive.v2.permissionPublic.patch', () => client.drive.v2.permissionPublic.patch({ path: { token }, params: { type: 'docx' }, data: body }));
    },
    async addComment({ token, body }) {
      // drive: file.comment create (whole-document comments: the API adds no anchored ones)
      await call('drive.fileComment.create', () => client.drive.fileComment.create({ path: { file_token: token }, params: { file_type: 'docx', user_id_type: 'open_id' }, data: body }));
    },
    async listTables(appToken) {
      // bitable: app.table list
      const data = await call('bitable.appTable.list', () => client.bitable.appTable.list({ path: { app_token: appToken }, params: { page_size: 100 } }));
      return (data.items ?? []).flatMap((t) => (t.table_id ? [{ tableId: t.table_id, name: t.name ?? '' }] : []));
    },
    async createTable(appToken, body) {
      // bitable: app.table create (name, default view, typed fields; the first is the primary)
      const data = await call('bitable.appTable.create', () => client.bitable.appTable.create({ path: { app_token: appToken }, data: body }));
      if (!data.table_id) throw new LarkApiError('bitable.appTable.create: no table_id', { retryable: true });
      return { tableId: data.table_id };
    },
    async batchCreateRecords({ appToken, tableId, records, clientToken }) {
      // bitable: app.table.record batch_create (≤ 1,000 records a call; client_token: idempotent)
      const data = await call('bitable.appTableRecord.batchCreate', () =>
        client.bitable.appTableRecord.batchCreate({
          path: { app_token: appToken, table_id: tableId },
          params: { user_id_type: 'open_id', client_token: clientToken },
          data: { records: records.map((fields) => ({ fields })) },
        }),
      );
      const ids = (data.records ?? []).map((r) => r.record_id ?? '');
      if (ids.length !== records.length || ids.some((id) => !id)) throw new LarkApiError('bitable.appTableRecord.batchCreate: record ids missing', { retryable: true });
      return ids;
    },
    async batchUpdateRecords({ appToken, tableId, records }) {
      // bitable: app.table.record batch_update (only the fields given are written)
      await call('bitable.appTableRecord.batchUpdate', () =>
        client.bitable.appTableRecord.batchUpdate({
          path: { app_token: appToken, table_id: tableId },
          params: { user_id_type: 'open_id' },
          data: { records: records.map((r) => ({ record_id: r.recordId, fields: r.fields })) },
        }),
      );
    },
    async listRecords({ appToken, tableId, pageToken }) {
      // bitable: app.table.record list
      const data = await call('bitable.appTableRecord.list', () =>
        client.bitable.appTableRecord.list({ path: { app_token: appToken, table_id: tableId }, params: { page_size: 500, user_id_type: 'open_id', ...(pageToken ? { page_token: pageToken } : {}) } }),
      );
      const items = (data.items ?? []).flatMap((r) => (r.record_id ? [{ recordId: r.record_id, fields: r.fields as Record<string, unknown> }] : []));
      return { items, pageToken: data.has_more && data.page_token ? data.page_token : undefined };
    },
  };
}
