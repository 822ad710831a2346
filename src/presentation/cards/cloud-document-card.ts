import { escapeMarkdown } from './escape-markdown.js';
import { loadTemplate, setElements, setHeader, type CardJson } from './template.js';

/**
 * The card that follows the draft's text and .docx once its cloud document is written: what
 * is in it and who may see it, and 「在飞书中打开」 with the document's URL.
 */
export function cloudDocumentCard(d: { title: string; url: string; checks: number; leaders: number }): CardJson {
  const card = loadTemplate('cloud-document');
  setHeader(card, { subtitle: d.title });
  const checks = d.checks > 0 ? `标黄的${d.checks}处表述在台账中没有对应记录，已在文档评论中列出，请核实。` : '';
  const who = d.leaders > 0 ? `您可编辑和管理，${d.leaders}位分管领导可查看和评论，未开放链接分享。` : '您可编辑和管理，未开放链接分享。';
  setElements(card, {
    about: { content: `${escapeMarkdown(`与 Word 文件内容一致，每个数字下方注明来源，附件为台账表格。${checks}${who}`)}` },
    btn_open: { behaviors: [{ type: 'open_url', default_url: d.url }] },
  });
  return card;
}

export const cloudDocumentText = (d: { title: string; url: string }) => `《${d.title}》云文档已生成：${d.url}`;
