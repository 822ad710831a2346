import type { Category } from './categories.js';

/**
 * Reads a sentence a staff member typed ("走访好得科技有限公司，企业反映招工难") and guesses
 * what the report card should be prefilled with. Pure; a guess the sender confirms.
 */
export interface ReportGuess {
  enterprise?: string;
  category: Category;
  content: string;
}

/** Words that point to a category; the category with most hits wins, ties go to the earlier row. */
const CATEGORY_WORDS: Array<[Category, string[]]> = [
  ['tax_policy', ['政策兑现', '兑现', '扶持', '税', '补贴', '奖励资金', '专项资金']],
  ['staffing', ['招聘', '用工', '人才', '招工', '用人', '缺工', '工人', '普工', '工程师']],
  ['infrastructure', ['道路', '水电', '管网', '基础设施', '供电', '供水', '排水', '燃气', '污水', '修路', '路灯', '电力']],
  ['premises', ['厂房', '办公', '场地', '用地', '仓库', '租赁']],
  ['schooling', ['子女', '入学', '学校', '上学', '就读', '学位', '幼儿园', '转学']],
];

const SUFFIX = '(?:股份有限公司|有限责任公司|集团有限公司|有限公司|集团|公司|厂)';
const NAME_CHARS = '[\\u4e00-\\u9fa5A-Za-z0-9（）()·&]';
const CANDIDATE = new RegExp(`${NAME_CHARS}{2,40}?${SUFFIX}`, 'g');
const EXTEND = new RegExp(`^${SUFFIX}`);
/** Words a sentence starts with before the name (「今天走访了」「协助」「据」), stripped from the front. */
const LEAD = /^(?:今天|昨天|今日|上午|下午|本周|走访了?|调研了?|接待了?|对接了?|联系了?|来自|帮助|协助|前往|据|了|到|去|赴)+/;

export function guessEnterprise(text: string): string | undefined {
  for (const m of text.matchAll(CANDIDATE)) {
    let name = m[0];
    let rest = text.slice((m.index ?? 0) + name.length);
    for (let e = EXTEND.exec(rest); e; e = EXTEND.exec(rest)) {
      name += e[0];
      rest = rest.slice(e[0].length);
    }
    const trimmed = name.replace(LEAD, '');
    if (trimmed.length >= 3 && new RegExp(`${SUFFIX}$`).test(trimmed) && !new RegExp(`^${SUFFIX}$`).test(trimmed)) return trimmed;
  }
  return undefined;
}

export function guessCategory(text: string): Category {
  let best: Category = 'other';
  let bestHits = 0;
  for (const [category, words] of CATEGORY_WORDS) {
    const hits = words.filter((w) => text.includes(w)).length;
    if (hits > bestHits) {
      best = category;
      bestHits = hits;
    }
  }
  return best;
}

export function guessReport(text: string): ReportGuess {
  const content = text.trim();
  const enterprise = guessEnterprise(content);
  return { ...(enterprise ? { enterprise } : {}), category: guessCategory(content), content };
}
