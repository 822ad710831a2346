// What Lark shows around the chat besides messages: the bot menu under the direct chat's
// input, adding the bot to a group, and the first visit of a direct chat (which Lark reports
// to the bot, so it can greet a person the first time).
import { escapeHtml } from './markdown.js';

/** Fills the bot menu bar; shown only in the direct chat, as Lark does. */
export function renderBotMenu(nav, items, { visible, onTap }) {
  nav.hidden = !visible || !items.length;
  nav.innerHTML = items.map((m) => `<button type="button" class="menu-item" data-key="${escapeHtml(m.key)}">${escapeHtml(m.label)}</button>`).join('');
  nav.onclick = (e) => {
    const b = e.target.closest('.menu-item');
    if (b) onTap(b.dataset.key);
  };
}

/** Tells the bot a person opened the direct chat (every visit; the bot greets only the first). */
export function enteredDirectChat(api, me) {
  return api('/local/api/p2p-entered', { from: me });
}

export function addBotToGroup(api, me, chatId) {
  return api('/local/api/bot-added', { from: me, chatId });
}

export function tapMenu(api, me, key) {
  return api('/local/api/menu', { from: me, key });
}
