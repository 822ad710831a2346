// One message's bubble as Lark shows it: text (with @-mentions), rich text, a card, a file
// with its type badge, or a picture inline.
import { renderCard } from './card.js';
import { escapeHtml, markdownToHtml } from './markdown.js';

function postHtml(content, nameOf) {
  const post = content.zh_cn ?? content.en_us ?? content;
  const para = (p) =>
    p
      .map((el) => {
        if (el.tag === 'a') return `<a href="${escapeHtml(el.href)}" target="_blank" rel="noopener">${escapeHtml(el.text)}</a>`;
        if (el.tag === 'at') return `<span class="at">@${escapeHtml(nameOf(el.user_id))}</span>`;
        if (el.tag === 'md') return markdownToHtml(el.text, nameOf);
        if (el.tag === 'img') return '[图片]';
        const t = escapeHtml(el.text ?? '');
        return (el.style ?? []).includes('bold') ? `<strong>${t}</strong>` : t;
      })
      .join('');
  return `${post.title ? `<div class="post-title">${escapeHtml(post.title)}</div>` : ''}${(post.content ?? []).map((p) => `<div>${para(p)}</div>`).join('')}`;
}

function textHtml(text, nameOf) {
  return escapeHtml(text)
    .replace(/&lt;at (?:user_id|id|open_id)=(?:&quot;|&#39;)?([\w-]+)(?:&quot;|&#39;)?&gt;.*?&lt;\/at&gt;/g, (_, id) => `<span class="at">@${escapeHtml(nameOf(id))}</span>`)
    .replace(/\n/g, '<br>');
}

/** The bubble of one message: text, rich text, card, file or picture. */
export function bodyOf(m, { nameOf, people, act }) {
  const body = document.createElement('div');
  body.className = `bubble bubble-${m.msgType}`;
  if (m.msgType === 'text') body.innerHTML = textHtml(m.content.text ?? '', nameOf);
  else if (m.msgType === 'post') body.innerHTML = postHtml(m.content, nameOf);
  else if (m.msgType === 'file') {
    const f = m.file;
    body.innerHTML = f
      ? `<a class="file" href="${f.url}" download="${escapeHtml(f.fileName)}"><span class="file-icon file-${fileKind(f.fileName)}">${fileKind(f.fileName).toUpperCase()}</span><span><span class="file-name">${escapeHtml(f.fileName)}</span><small>${(f.size / 1024).toFixed(1)} KB · 点击下载</small></span></a>`
      : '[文件已失效]';
  } else if (m.msgType === 'image') {
    body.innerHTML = m.image ? `<img class="picture" src="${m.image.url}" alt="图片">` : '[图片已失效]';
  } else if (m.msgType === 'interactive') {
    body.append(renderCard(m.content, { nameOf, people, act: (a) => act(m.messageId, a), findings: m.cardFindings }));
  } else body.textContent = `[${m.msgType}]`;
  return body;
}

/** The badge Lark shows for a file: by its extension. */
function fileKind(name) {
  const ext = name.split('.').pop().toLowerCase();
  return { docx: 'doc', doc: 'doc', xlsx: 'xls', xls: 'xls', pdf: 'pdf', png: 'img', jpg: 'img' }[ext] ?? 'file';
}
