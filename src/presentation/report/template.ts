import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The year-end template shipped in the repo; the office edits its wording, not the code. */
export const TEMPLATE_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../templates/year-end-summary.zh.md');

export type TemplateBlock =
  | { kind: 'title' | 'h1' | 'h2' | 'para' | 'item'; text: string };

export interface DraftTemplate {
  blocks: TemplateBlock[];
  /** 句式: name → sentence with {{value}} placeholders. */
  sentences: Map<string, string>;
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(`总结模板有误：${message}`);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

export function placeholdersOf(s: string): string[] {
  return [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
}

/** Replaces every {{name}} from `values`; a name without a value is a bug in the caller or the template. */
export function fill(s: string, values: Record<string, string>): string {
  return s.replace(PLACEHOLDER, (_, raw: string) => {
    const v = values[raw.trim()];
    if (v === undefined) throw new TemplateError(`句子「${s}」中的 {{${raw}}} 没有对应的数据`);
    return v;
  });
}

function parseSentences(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.search(/[：:]/);
    if (i <= 0) throw new TemplateError(`句式行「${line}」应写成「名称：句子」`);
    out.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return out;
}

function parseBlock(line: string): TemplateBlock {
  const m = /^(#{1,3})\s+(.*)$/.exec(line);
  if (m) return { kind: (['title', 'h1', 'h2'] as const)[m[1]!.length - 1]!, text: m[2]!.trim() };
  if (/^[-*]\s+/.test(line)) return { kind: 'item', text: line.replace(/^[-*]\s+/, '').trim() };
  return { kind: 'para', text: line };
}

/** Pure: the template's text → blocks of the body and the named sentences. */
export function parseTemplate(text: string): DraftTemplate {
  const noComments = text.replace(/<!--[\s\S]*?-->/g, '');
  const fence = /^```句式\s*\n([\s\S]*?)^```\s*$/m.exec(noComments);
  if (!fence) throw new TemplateError('缺少「```句式」段落');
  const sentences = parseSentences(fence[1]!);
  const body = noComments.slice(0, fence.index) + noComments.slice(fence.index + fence[0].length);
  const blocks = body.split('\n').map((l) => l.trim()).filter(Boolean).map(parseBlock);
  if (blocks[0]?.kind !== 'title') throw new TemplateError('第一行应为「# 」开头的标题');
  return { blocks, sentences };
}

/** The year-end draft template (templates/year-end-summary.zh.md), parsed. */
export function loadDraftTemplate(path: string = TEMPLATE_PATH): DraftTemplate {
  return parseTemplate(readFileSync(path, 'utf8'));
}
