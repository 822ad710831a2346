import type { Config } from '../config.js';

/** A person of the local demo: fixed open_ids, so the demo database and the page agree. */
export interface DemoPerson {
  openId: string;
  name: string;
  title: string;
  role: 'staff' | 'admin' | 'leader';
}

export interface DemoChat {
  chatId: string;
  name: string;
  chatType: 'p2p' | 'group';
  /** Members of a group; for a direct chat, the one person talking to the bot. */
  members: string[];
}

export const LOCAL_BOT = { openId: 'ou_local_bot_fazhizhushou', name: '法治助手' };

export const DEMO_PEOPLE: DemoPerson[] = [
  { openId: 'ou_local_staff_zhang', name: '张晓明', title: '招商一科', role: 'staff' },
  { openId: 'ou_local_staff_li', name: '李婷', title: '招商二科', role: 'staff' },
  { openId: 'ou_local_staff_wang', name: '王磊', title: '企业服务科', role: 'staff' },
  { openId: 'ou_local_staff_liu', name: '刘芳', title: '政策兑现科', role: 'staff' },
  { openId: 'ou_local_admin_chen', name: '陈静', title: '办公室（管理员）', role: 'admin' },
  { openId: 'ou_local_leader_zhao', name: '赵建国', title: '分管副局长（领导）', role: 'leader' },
];

export const DEMO_GROUPS: DemoChat[] = [
  { chatId: 'oc_local_group_service', name: '企业服务专班', chatType: 'group', members: DEMO_PEOPLE.map((p) => p.openId) },
  {
    chatId: 'oc_local_group_office',
    name: '局机关学法群',
    chatType: 'group',
    members: DEMO_PEOPLE.map((p) => p.openId),
  },
];

/** The direct chat between the bot and one person (Lark gives each such pair one oc_ chat). */
export function p2pChatId(openId: string): string {
  return `oc_local_p2p_${openId.replace(/^ou_local_/, '').replace(/^ou_/, '')}`;
}

export function demoChats(people: DemoPerson[] = DEMO_PEOPLE): DemoChat[] {
  return [
    ...people.map((p): DemoChat => ({ chatId: p2pChatId(p.openId), name: `${LOCAL_BOT.name}（单聊）`, chatType: 'p2p', members: [p.openId] })),
    ...DEMO_GROUPS,
  ];
}

/**
 * Local mode has no tenant to name admins and leaders: the demo admin and leader take those
 * roles unless BOT_ADMINS / BOT_LEADERS are set in the environment.
 */
export function withDemoRoles(config: Config, people: DemoPerson[] = DEMO_PEOPLE): Config {
  const ids = (role: DemoPerson['role']) => people.filter((p) => p.role === role).map((p) => p.openId);
  return {
    ...config,
    BOT_ADMINS: config.BOT_ADMINS.length ? config.BOT_ADMINS : ids('admin'),
    BOT_LEADERS: config.BOT_LEADERS.length ? config.BOT_LEADERS : ids('leader'),
  };
}
