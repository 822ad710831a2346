/**
 * User text inside a text message (`msg_type: text`), shown as typed. Lark reads tags there:
 * `<at user_id="all"></at>` mentions everyone, `<b> <i> <u> <s>` style, `[文本](链接)` links
 * (…/server-docs/im-v1/message-content-description/create_json, 文本 text). The page gives no
 * escape, so a zero-width space goes after each `<` that starts a tag and between `]` and `(`:
 * the text looks the same and no longer parses.
 */
export function escapeTextMessage(text: string): string {
  return text.replace(/<(?=\/?[A-Za-z])/g, '<\u200b').replace(/\](?=\()/g, ']\u200b');
}
