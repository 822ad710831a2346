import { describe, expect, it } from 'vitest';
import { escapeMarkdown as md } from '../../src/presentation/cards/escape-markdown.js';

// The page's own script (plain JS, served as is to the browser).
const page = '../../src/local/web/markdown.js';
const { markdownToHtml } = (await import(page)) as { markdownToHtml: (src: string, nameOf?: (id: string) => string) => string };

/** The text a browser would show for this HTML. */
const shown = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('the local page shows card markdown as Lark does', () => {
  it('shows user text the bot escaped exactly as typed, with no stray entities or backslashes', () => {
    const typed = '《安全生产法》&《消防法》<第2讲> *重点* 张_三 [附件]';
    const html = markdownToHtml(`**学习主题**：${md(typed)}`);
    expect(shown(html)).toBe(`学习主题：${typed}`);
    expect(html).toContain('<strong>学习主题</strong>');
    expect(html).not.toContain('<em>');
  });

  it('never turns escaped text into a mention, while the bot’s own markup still renders', () => {
    const html = markdownToHtml(`${md('<at id=all></at>')} <font color='grey'>说明</font>`, () => '所有人');
    expect(html).not.toContain('class="at"');
    expect(shown(html)).toBe('<at id=all></at> 说明');
    expect(html).toContain('<span class="c-grey">说明</span>');
  });

  it('shows escaped lines that look like a heading, a rule, a list or a link as the text typed', () => {
    const typed = ['# 标题', '---', '1986. 年份', '- 条目', '\\[x\\](https://example.com)'];
    const html = markdownToHtml(md(typed.join('\n')));
    expect(html).not.toMatch(/md-h|<hr>|md-li|<a /);
    expect(shown(html)).toBe(typed.join(''));
  });
});
