import * as zlib from 'node:zlib';
import { Zip, ZipDeflate } from 'fflate';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { NativeZipDeflate, tableCrc32 } from '../../src/presentation/report/zip-native-deflate.js';

async function zipOf(build: (zip: Zip) => Promise<void>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  await build(zip);
  zip.end();
  return Buffer.concat(chunks);
}

describe('a zip entry deflated by Node zlib', () => {
  it('reads back exactly, CRC and sizes checked, beside entries fflate deflated, over many writes larger than zlib buffers', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `<w:tr><w:tc><w:p><w:r><w:t>QY2023-${String(i).padStart(6, '0')} 测试企业${i % 97}号有限公司</w:t></w:r></w:p></w:tc></w:tr>`);
    const file = await zipOf(async (zip) => {
      const small = new ZipDeflate('word/styles.xml', { level: 6 });
      zip.add(small);
      small.push(new TextEncoder().encode('<w:styles/>'), true);
      const body = new NativeZipDeflate('word/document.xml');
      zip.add(body);
      for (let i = 0; i < rows.length; i += 100) await body.write(rows.slice(i, i + 100).join(''));
      await body.end('</w:tbl>');
      const after = new ZipDeflate('word/after.xml', { level: 6 });
      zip.add(after);
      after.push(new TextEncoder().encode('<after/>'), true);
    });
    const read = await JSZip.loadAsync(file, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(['word/styles.xml', 'word/document.xml', 'word/after.xml']);
    expect(await read.file('word/document.xml')!.async('string')).toBe(rows.join('') + '</w:tbl>');
    expect(await read.file('word/styles.xml')!.async('string')).toBe('<w:styles/>');
    expect(await read.file('word/after.xml')!.async('string')).toBe('<after/>');
  });

  it('computes the CRC by table where Node has no zlib.crc32, as zlib does', () => {
    const data = new TextEncoder().encode('附件：2023年企业诉求台账 <w:t>QY2023-000001</w:t>'.repeat(50));
    const native = (zlib as unknown as { crc32: (d: Uint8Array, v?: number) => number }).crc32;
    expect(tableCrc32(data)).toBe(native(data));
    expect(tableCrc32(data.subarray(100), tableCrc32(data.subarray(0, 100)))).toBe(native(data));
  });
});
