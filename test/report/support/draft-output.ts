import { strFromU8, unzipSync } from 'fflate';
import type { FakeOpenApi, RecordedRequest } from '../../support/fake-open-api.js';

/** A file the bot uploaded to the fake Open API: name, type and bytes from the multipart body. */
export interface Uploaded {
  fileName: string;
  fileType: string;
  data: Buffer;
}

function fieldsOf(r: RecordedRequest): Map<string, { filename?: string; data: Buffer }> {
  const boundary = /boundary=([^;]+)/.exec(String(r.headers['content-type']))![1]!.replace(/"/g, '');
  const raw = r.rawBody;
  const sep = Buffer.from(`--${boundary}`);
  const out = new Map<string, { filename?: string; data: Buffer }>();
  let at = raw.indexOf(sep);
  while (at >= 0) {
    const next = raw.indexOf(sep, at + sep.length);
    if (next < 0) break;
    const part = raw.subarray(at + sep.length + 2, next - 2);
    const headEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headEnd).toString('utf8');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name) out.set(name, { ...(filename !== undefined ? { filename } : {}), data: part.subarray(headEnd + 4) });
    at = next;
  }
  return out;
}

export function uploadedFiles(fake: FakeOpenApi): Uploaded[] {
  return fake.requests
    .filter((r) => r.method === 'POST' && r.path === '/open-apis/im/v1/files')
    .map((r) => {
      const f = fieldsOf(r);
      return { fileName: f.get('file_name')!.data.toString('utf8'), fileType: f.get('file_type')!.data.toString('utf8'), data: f.get('file')!.data };
    });
}

/** The text of every post and text message sent, in order (a post as its title and paragraphs). */
export function sentTexts(fake: FakeOpenApi): string[] {
  return fake.messages.map((m) => {
    if (m.msgType === 'text') return m.content.text as string;
    if (m.msgType === 'post') {
      const p = m.content.zh_cn as { title: string; content: Array<Array<{ text: string }>> };
      return [p.title, ...p.content.map((para) => para.map((e) => e.text).join(''))].join('\n');
    }
    return JSON.stringify(m.content);
  });
}

/** The draft text as posted: every post's paragraphs joined, title once. */
export function draftFromPosts(fake: FakeOpenApi): string {
  const posts = fake.messages.filter((m) => m.msgType === 'post').map((m) => m.content.zh_cn as { title: string; content: Array<Array<{ text: string }>> });
  return [posts[0]?.title ?? '', ...posts.flatMap((p) => p.content.map((para) => para.map((e) => e.text).join('')))].join('\n');
}

export function documentXml(docx: Buffer): string {
  return strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
}

export function zipEntry(docx: Buffer, name: string): string {
  return strFromU8(unzipSync(new Uint8Array(docx))[name]!);
}
