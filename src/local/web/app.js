// The local web chat: pick who you are and a chat, talk to the bot, use its cards.
// Messages come by long polling /local/api/messages; sends and card actions are POSTs.
import { textOf } from './card.js';
import { escapeHtml } from './markdown.js';
import { bodyOf } from './message-body.js';
import { addBotToGroup, enteredDirectChat, renderBotMenu, tapMenu } from './native.js';
import { createSender } from './sender.js';

const $ = (id) => document.getElementById(id);
const state = { people: [], chats: [], commands: [], menu: [], bot: null, me: '', chatId: '', rev: 0, poll: null, rendered: new Map() };

const nameOf = (id) => (id === state.bot?.openId ? state.bot.name : (state.people.find((p) => p.openId === id)?.name ?? id));
const chatsOf = (me) => state.chats.filter((c) => c.members.includes(me));
const chat = () => state.chats.find((c) => c.chatId === state.chatId);

async function api(path, body) {
  const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

let toastTimer;
function toast(type, content) {
  const t = $('toast');
  t.textContent = content;
  t.dataset.type = type;
  t.className = `toast toast-${type}`;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), 3500);
}

function roleLabel(p) {
  return [p.isAdmin && '管理员', p.isLeader && '领导'].filter(Boolean).join('、');
}

function fillPickers() {
  $('who').innerHTML = state.people.map((p) => `<option value="${p.openId}">${escapeHtml(p.name)} · ${escapeHtml(p.title)}${roleLabel(p) && !p.title.includes(roleLabel(p)) ? `（${roleLabel(p)}）` : ''}</option>`).join('');
  $('who').value = state.me;
  $('chat').innerHTML = chatsOf(state.me).map((c) => `<option value="${c.chatId}">${escapeHtml(c.chatType === 'p2p' ? '与法治助手单聊' : `群：${c.name}`)}</option>`).join('');
  $('chat').value = state.chatId;
  $('mention-wrap').hidden = chat()?.chatType !== 'group';
  $('add-bot').hidden = chat()?.chatType !== 'group';
  renderBotMenu($('bot-menu'), state.menu, { visible: chat()?.chatType === 'p2p', onTap: (key) => tapMenu(api, state.me, key).catch((e) => toast('error', e.message)) });
  const me = state.people.find((p) => p.openId === state.me);
  $('chips').innerHTML = state.commands
    // The rule of /帮助 (help-card.ts): a chip only for a command this person may run.
    .filter((c) => (!c.adminOnly || me?.isAdmin) && (!c.leadersToo || me?.isAdmin || me?.isLeader))
    .map((c) => `<button type="button" class="chip" data-usage="${escapeHtml(c.usage)}" data-name="${escapeHtml(c.name)}" title="${escapeHtml(c.summary)}">/${escapeHtml(c.name)}</button>`)
    .join('');
}

function render(m) {
  const mine = m.senderId === state.me;
  const row = document.createElement('article');
  row.className = `msg ${m.fromBot ? 'from-bot' : ''} ${mine ? 'mine' : ''}`;
  row.dataset.messageId = m.messageId;
  row.dataset.msgType = m.msgType;
  row.dataset.fromBot = String(m.fromBot);
  const time = new Date(m.createdAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
  row.innerHTML = `<div class="avatar">${escapeHtml(m.senderName.slice(-2))}</div><div class="msg-main"><div class="meta">${escapeHtml(m.senderName)} · ${time}${m.updated ? ' · <span class="updated">已更新</span>' : ''}</div></div>`;
  const main = row.querySelector('.msg-main');
  if (m.parent) main.insertAdjacentHTML('beforeend', `<div class="quote">回复 ${escapeHtml(m.parent.senderName)}：${escapeHtml(m.parent.preview)}</div>`);
  main.append(bodyOf(m, { nameOf, people: () => state.people, act }));
  return row;
}

function show(messages) {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  for (const m of messages) {
    const old = state.rendered.get(m.messageId);
    const el = render(m);
    if (old) old.replaceWith(el);
    else list.append(el);
    state.rendered.set(m.messageId, el);
  }
  if (atBottom || messages.some((m) => m.senderId === state.me)) list.scrollTop = list.scrollHeight;
}

async function act(messageId, a) {
  try {
    const ack = await api('/local/api/actions', { messageId, from: state.me, ...a });
    if (ack.toast) toast(ack.toast.type, textOf(ack.toast.content ?? ack.toast));
  } catch (e) {
    toast('error', `操作失败：${e.message}`);
  }
}

async function pollLoop(chatId, signal) {
  let rev = 0;
  while (!signal.aborted) {
    try {
      const res = await fetch(`/local/api/messages?chat=${encodeURIComponent(chatId)}&after=${rev}&wait=${rev ? 25000 : 0}`, { signal });
      const data = await res.json();
      if (!res.ok) throw new Error(data.error);
      if (signal.aborted) return;
      show(data.messages);
      rev = Math.max(rev, ...data.messages.map((m) => m.rev), data.revision);
      document.body.dataset.ready = 'true';
    } catch (e) {
      if (signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1500));
    }
  }
}

function openChat() {
  state.poll?.abort();
  state.poll = new AbortController();
  state.rendered.clear();
  $('messages').innerHTML = '';
  document.body.dataset.ready = 'false';
  localStorage.setItem('fazhi.me', state.me);
  localStorage.setItem('fazhi.chat', state.chatId);
  location.replace(`#as=${state.me}&chat=${state.chatId}`);
  fillPickers();
  void pollLoop(state.chatId, state.poll.signal);
  if (chat()?.chatType === 'p2p') enteredDirectChat(api, state.me).catch(() => {});
}

const send = createSender({
  input: document.getElementById('input'),
  post: (text) => api('/local/api/messages', { chatId: state.chatId, from: state.me, text, mention: $('mention').checked }),
  onFailed: (e) => toast('error', `发送失败：${e.message}。内容已保留在输入框，请重新发送`),
});

/** Takes what is typed: the input is free again at once, for the next message. */
function sendTyped() {
  const text = $('input').value;
  $('input').value = '';
  void send(text);
}

async function start() {
  Object.assign(state, await api('/local/api/state'));
  state.menu = (await api('/local/api/menu')).items;
  const hash = new URLSearchParams(location.hash.slice(1));
  const known = (id) => state.people.some((p) => p.openId === id);
  state.me = [hash.get('as'), localStorage.getItem('fazhi.me')].find(known) ?? state.people[0].openId;
  const wanted = [hash.get('chat'), localStorage.getItem('fazhi.chat')];
  state.chatId = wanted.find((id) => chatsOf(state.me).some((c) => c.chatId === id)) ?? chatsOf(state.me)[0].chatId;
  $('who').addEventListener('change', () => {
    state.me = $('who').value;
    const same = chatsOf(state.me).find((c) => c.chatType === chat()?.chatType && c.chatType === 'group' && c.chatId === state.chatId);
    state.chatId = (same ?? chatsOf(state.me)[0]).chatId;
    openChat();
  });
  $('chat').addEventListener('change', () => {
    state.chatId = $('chat').value;
    openChat();
  });
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    sendTyped();
  });
  $('input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendTyped();
    }
  });
  $('add-bot').addEventListener('click', () =>
    addBotToGroup(api, state.me, state.chatId).then(
      () => toast('success', '已将法治助手添加到本群'),
      (e) => toast('error', e.message),
    ),
  );
  $('chips').addEventListener('click', (e) => {
    const b = e.target.closest('.chip');
    if (!b) return;
    if (b.dataset.usage.trim() === `/${b.dataset.name}`) return void send(b.dataset.usage);
    $('input').value = `/${b.dataset.name} `;
    $('input').focus();
  });
  openChat();
}

start().catch((e) => toast('error', `无法连接本地服务：${e.message}`));
