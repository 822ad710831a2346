/**
 * The bot menu (机器人自定义菜单, response 推送事件): each `event_key` configured in the
 * developer console and the command it runs. The keys are part of the outside contract.
 */
export const MENU: ReadonlyArray<{ key: string; label: string; command: string }> = [
  { key: 'report', label: '上报诉求', command: 'case.report' },
  { key: 'my_cases', label: '我的诉求', command: 'case.mine' },
  { key: 'weekly', label: '本周进展', command: 'weekly-report' },
  { key: 'study_stats', label: '学法统计', command: 'study.stats' },
  { key: 'summary', label: '年度总结', command: 'report.summary' },
  { key: 'help', label: '帮助', command: 'help' },
];
