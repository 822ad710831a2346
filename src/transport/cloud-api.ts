/**
 * What the bot needs of Lark's cloud documents (docx), Drive and Base (bitable), as one small
 * interface beside LarkApi. The request bodies are the SDK's own types (its .d.ts carries the
 * documentation of every field), so a body the Open API would not take does not compile.
 * lark-cloud-client.ts implements it with the SDK; local mode implements it in process.
 */
import type * as lark from '@larksuiteoapi/node-sdk';

type Sdk = lark.Client;
type Body<F extends (p: any) => unknown> = NonNullable<NonNullable<Parameters<F>[0]>['data']>;

/** docx `document.block.descendant` create: `children_id` and `descendants` (≤ 1,000 blocks a call). */
export type DescendantBody = Body<Sdk['docx']['documentBlockDescendant']['create']>;
export type DocBlock = DescendantBody['descendants'][number];
/** drive `permission.member` batch_create. */
export type MembersBody = Body<Sdk['drive']['permissionMember']['batchCreate']>;
/** drive v2 `permission.public` patch (link sharing, who may comment). */
export type PublicPermissionBody = Body<Sdk['drive']['v2']['permissionPublic']['patch']>;
/** drive `file.comment` create (whole-document comments only: the API cannot anchor one). */
export type CommentBody = Body<Sdk['drive']['fileComment']['create']>;
/** bitable `app.table` create: the table with its typed fields. */
export type TableBody = Body<Sdk['bitable']['appTable']['create']>;
/** bitable `app.table.record` fields: name → value. */
export type RecordFields = Body<Sdk['bitable']['appTableRecord']['create']>['fields'];

export interface FolderFile {
  token: string;
  name: string;
  type: string;
  /** Unix seconds, as Drive gives it. */
  createdTime?: number | undefined;
}

export interface BaseRecord {
  recordId: string;
  fields: Record<string, unknown>;
}

export interface CloudApi {
  createDocument(a: { folderToken: string; title: string }): Promise<{ documentId: string }>;
  /** Blocks under `blockId` (the page: the document id); `clientToken` makes a retried call a no-op. */
  createDescendants(a: { documentId: string; blockId: string; body: DescendantBody; clientToken: string }): Promise<void>;
  /** Files of a folder (one level), newest first. */
  listFolder(folderToken: string): Promise<FolderFile[]>;
  documentUrl(documentId: string): Promise<string>;
  addMembers(a: { token: string; body: MembersBody }): Promise<void>;
  setPublicPermission(a: { token: string; body: PublicPermissionBody }): Promise<void>;
  addComment(a: { token: string; body: CommentBody }): Promise<void>;
  listTables(appToken: string): Promise<Array<{ tableId: string; name: string }>>;
  createTable(appToken: string, body: TableBody): Promise<{ tableId: string }>;
  /** Records by `client_token`: the same token creates nothing new (a retried call). */
  batchCreateRecords(a: { appToken: string; tableId: string; records: RecordFields[]; clientToken: string }): Promise<string[]>;
  batchUpdateRecords(a: { appToken: string; tableId: string; records: Array<{ recordId: string; fields: RecordFields }> }): Promise<void>;
  /** One page of records (500), with open_ids for person fields. */
  listRecords(a: { appToken: string; tableId: string; pageToken?: string | undefined }): Promise<{ items: BaseRecord[]; pageToken?: string | undefined }>;
}

/**
 * Lark codes that mean "not allowed" for these APIs: scopes not enabled (99991672, 99991679),
 * the folder, document or Base not shared with the app (1770032, 1061004, 1254302, 91204,
 * 1254301 no permission on the Base), or HTTP 403. Told to the asker once; never retried blindly.
 */
export const PERMISSION_CODES = new Set([99991672, 99991679, 1770032, 1061004, 1254302, 1254301, 91204, 131006]);

export const isPermissionRefusal = (info: { httpStatus?: number | undefined; code?: number | undefined }) =>
  info.httpStatus === 403 || (info.code !== undefined && PERMISSION_CODES.has(info.code));
