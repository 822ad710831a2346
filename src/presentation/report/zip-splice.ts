import { Zip, ZipDeflate } from 'fflate';
import { NativeZipDeflate } from './zip-native-deflate.js';

/** A zip being written whose one large entry takes its text as it is made. */
export interface SplicedZip {
  /** Resolves when zlib has taken the text (so that it never piles up). */
  write(text: string): Promise<void>;
  /** The whole file, once the entry's last text is in. */
  end(): Promise<Buffer>;
}

/**
 * A file made by a library (the .docx by `docx`, the .xlsx by exceljs) written again, with the
 * text of `entry` streamed in between `head` and `tail`: the library writes the document around
 * a mark, and the rows of the year (100,000 for a big district) are written here as plain XML,
 * deflated by native zlib as they come, so only the compressed file grows. The other, small
 * entries are deflated as they were.
 */
export async function openSplicedZip(files: Record<string, Uint8Array>, entry: string, head: string, tail: string): Promise<SplicedZip> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => (err ? (failure = err) : chunks.push(data)));
  for (const [name, data] of Object.entries(files)) {
    if (name === entry) continue;
    const small = new ZipDeflate(name, { level: 6 });
    zip.add(small);
    small.push(data, true);
  }
  const body = new NativeZipDeflate(entry, 6);
  zip.add(body);
  await body.write(head);
  return {
    write: (text) => body.write(text),
    async end() {
      await body.end(tail);
      zip.end();
      if (failure) throw failure;
      return Buffer.concat(chunks);
    },
  };
}

/**
 * Rows per piece of text written. A page's text as one string (two-byte characters: a MB or
 * more) is allocated straight in V8's old generation and lives until a full collection: over
 * 100,000 rows that piled up more than 100 MB of dead text in the bot before one came. Pieces of
 * 64 rows (under 100 kB) are collected young.
 */
export const ROWS_PER_PIECE = 64;

/** `rows` as text in pieces; `xml` is given a piece and the index of its first row in `rows`. */
export async function writeInPieces<T>(zip: SplicedZip, rows: readonly T[], xml: (piece: readonly T[], first: number) => string): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) await zip.write(xml(rows.slice(i, i + ROWS_PER_PIECE), i));
}

/** The element holding `mark` (a paragraph `w:p`, a row `row`) in a part's XML, as [start, end) offsets. */
export function elementAt(xml: string, tag: string, mark: string): [number, number] {
  const at = xml.indexOf(mark);
  if (at < 0) throw new Error(`mark ${mark} not found`);
  return [Math.max(xml.lastIndexOf(`<${tag}>`, at), xml.lastIndexOf(`<${tag} `, at)), xml.indexOf(`</${tag}>`, at) + `</${tag}>`.length];
}
