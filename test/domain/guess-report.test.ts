import { describe, expect, it } from 'vitest';
import { guessReport } from '../../src/domain/cases/guess-report.js';
import { normalizeEnterpriseName } from '../../src/domain/cases/enterprise-name.js';
import { parseCaseCode } from '../../src/domain/cases/case-code.js';

/** Sentences as staff type them after a visit: [sentence, enterprise (undefined: none named), category]. */
const TABLE: Array<[string, string | undefined, string]> = [
  ['今天走访了好得科技有限公司，企业反映2022年度所得税扶持资金还没兑现', '好得科技有限公司', 'tax_policy'],
  ['华为技术有限公司咨询增值税留抵退税政策什么时候能兑现', '华为技术有限公司', 'tax_policy'],
  ['上午到宏达精密机械厂调研，企业希望尽快拨付技改扶持资金', '宏达精密机械厂', 'tax_policy'],
  ['帮助中晟新能源股份有限公司申报2023年度研发费用补贴', '中晟新能源股份有限公司', 'tax_policy'],
  ['来自恒瑞医药集团的诉求：高新技术企业所得税减免政策兑现进度', '恒瑞医药集团', 'tax_policy'],
  ['绿源环保科技有限责任公司反映节能奖励专项资金迟迟未到账', '绿源环保科技有限责任公司', 'tax_policy'],
  ['星河电子有限公司生产线扩产，急需招聘200名普工', '星河电子有限公司', 'staffing'],
  ['走访天成物流公司，企业反映旺季用工缺口大，希望协助招工', '天成物流公司', 'staffing'],
  ['博睿软件有限公司希望引进高端人才，咨询人才公寓申请条件', '博睿软件有限公司', 'staffing'],
  ['金桥纺织厂反映熟练工人流失严重，缺工300人', '金桥纺织厂', 'staffing'],
  ['昨天对接了联创半导体集团有限公司，企业需要招聘一批工程师', '联创半导体集团有限公司', 'staffing'],
  ['企业反映招聘会场次太少，用人需求难以满足', undefined, 'staffing'],
  ['远航食品有限公司新厂区门前道路尚未硬化，货车进出困难', '远航食品有限公司', 'infrastructure'],
  ['恒通建材公司反映园区供电不稳定，经常跳闸停产', '恒通建材公司', 'infrastructure'],
  ['走访东方化工集团，企业反映污水管网未接通，无法试生产', '东方化工集团', 'infrastructure'],
  ['瑞丰农业科技有限公司项目用地水电未通，基础设施配套滞后', '瑞丰农业科技有限公司', 'infrastructure'],
  ['园区北路路灯损坏多处，夜班员工出行不安全', undefined, 'infrastructure'],
  ['嘉禾医疗器械有限公司申请燃气管道接入，施工进度慢', '嘉禾医疗器械有限公司', 'infrastructure'],
  ['云帆智能装备有限公司业务扩张，需要5000平方米标准厂房', '云帆智能装备有限公司', 'premises'],
  ['协助海纳数据科技公司寻找合适的办公场地，约800平方', '海纳数据科技公司', 'premises'],
  ['鼎盛贸易有限公司租赁的仓库到期，希望协调新的存储场地', '鼎盛贸易有限公司', 'premises'],
  ['万象文化传媒有限公司咨询总部办公楼租金减免', '万象文化传媒有限公司', 'premises'],
  ['前往启明光电有限公司，企业反映现有厂房不够用，希望扩建', '启明光电有限公司', 'premises'],
  ['新落户企业希望在高新区找一处办公场所', undefined, 'premises'],
  ['锦程汽车零部件有限公司总经理子女明年秋季入学需要协调学位', '锦程汽车零部件有限公司', 'schooling'],
  ['华芯微电子有限公司外籍高管的孩子想就读国际学校', '华芯微电子有限公司', 'schooling'],
  ['走访了长江航运集团，企业副总的子女转学手续需要协助', '长江航运集团', 'schooling'],
  ['诺康生物制药有限公司引进的博士子女上幼儿园有困难', '诺康生物制药有限公司', 'schooling'],
  ['企业高管反映子女入学政策不清楚', undefined, 'schooling'],
  ['青禾餐饮管理有限公司咨询营业执照变更流程', '青禾餐饮管理有限公司', 'other'],
  ['联系了飞鸿网络科技有限公司，企业希望参加区里组织的银企对接会', '飞鸿网络科技有限公司', 'other'],
  ['企业反映消防验收排队时间太长', undefined, 'other'],
  ['据佳美家居有限公司反映，周边施工噪音影响生产', '佳美家居有限公司', 'other'],
];

describe('guessing the report card from a sentence', () => {
  it('has a table of at least 30 sentences', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });
  for (const [sentence, enterprise, category] of TABLE) {
    it(`「${sentence}」 → ${enterprise ?? '(no firm)'} / ${category}`, () => {
      const g = guessReport(sentence);
      expect(g.enterprise).toBe(enterprise);
      expect(g.category).toBe(category);
      expect(g.content).toBe(sentence);
    });
  }
});

describe('enterprise names', () => {
  it('treats 华为, 华为技术有限公司 and 华为技术（深圳）有限公司 as one firm', () => {
    const keys = ['华为', '华为技术有限公司', '华为技术（深圳）有限公司', ' 华为技术有限公司 ', '华为技术(深圳)有限公司'].map(normalizeEnterpriseName);
    expect(new Set(keys).size).toBe(1);
  });
  it('keeps firms with different brand words apart', () => {
    expect(normalizeEnterpriseName('好得科技有限公司')).not.toBe(normalizeEnterpriseName('好得医药有限公司'));
    expect(normalizeEnterpriseName('宏达精密机械厂')).not.toBe(normalizeEnterpriseName('宏达纺织厂'));
  });
  it('never strips a name down to nothing', () => {
    expect(normalizeEnterpriseName('科技有限公司')).toBe('科技');
  });
});

describe('case codes', () => {
  it('reads codes as people type them', () => {
    expect(parseCaseCode('QY2023-0007')).toBe('QY2023-0007');
    expect(parseCaseCode('qy2023-7')).toBe('QY2023-0007');
    expect(parseCaseCode(' QY20230012 ')).toBe('QY2023-0012');
    expect(parseCaseCode('2023-0007')).toBeUndefined();
    expect(parseCaseCode('QY2023-00071')).toBeUndefined();
  });
});
