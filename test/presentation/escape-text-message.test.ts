import { describe, expect, it } from 'vitest';
import { escapeTextMessage } from '../../src/presentation/messages/escape-text-message.js';

/** What Lark reads as markup in a text message: a tag, or a link. */
const markup = /<\/?[A-Za-z][^>]*>|\[[^\]]*\]\([^)]*\)/;

describe('user text in a text message', () => {
  it('cannot mention everyone, style or link, and reads the same once the zero-width spaces are dropped', () => {
    for (const typed of ['<at user_id="all"></at> 请注意', '<at id=all></at>', '<b>粗体</b><i>斜体</i>', '[点此](https://example.com)']) {
      const shown = escapeTextMessage(typed);
      expect(shown).not.toMatch(markup);
      expect(shown.replace(/\u200b/g, '')).toBe(typed);
    }
  });

  it('leaves ordinary text alone', () => {
    expect(escapeTextMessage('合同审查 15条 a < b 2023-05-06 [附件]')).toBe('合同审查 15条 a < b 2023-05-06 [附件]');
  });
});
