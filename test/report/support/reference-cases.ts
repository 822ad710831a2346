/**
 * The 63 enterprise requests of the 2023 reference summary (39 tax-policy payouts, 5 staffing,
 * 10 infrastructure, 4 premises, 5 schooling), all resolved within their deadline. The
 * enterprises the reference names have the most cases in their category (or, when tied, the
 * earliest), so they are the ones the draft must name.
 */
export interface CaseSpec {
  enterprise: string;
  category: string;
  receivedDate: string;
  resolvedDate: string;
}

const GROUPS: Array<{ category: string; enterprises: Array<[string, number]> }> = [
  {
    category: 'tax_policy',
    enterprises: [
      ['安徽易加鑫网络科技有限公司', 9],
      ['好得科技有限公司', 7],
      ['淮北金瑞新材料有限公司', 7],
      ...Array.from({ length: 16 }, (_, i): [string, number] => [`淮北市第${'一二三四五六七八九十'[i % 10]}${i >= 10 ? '十' : ''}产业园企业有限公司`, 1]),
    ],
  },
  { category: 'staffing', enterprises: [['金龙机电(淮北)有限公司', 2], ['安徽和晶智能科技有限公司', 2], ['淮北华星电子有限公司', 1]] },
  { category: 'infrastructure', enterprises: [['淮北源淮实业有限公司', 4], ['河间市恒山密封材料有限公司', 3], ['安徽中科光电有限公司', 2], ['淮北通达物流有限公司', 1]] },
  { category: 'premises', enterprises: [['安徽合璟科技有限公司', 4]] },
  { category: 'schooling', enterprises: [['淮北沃盛体育用品有限公司', 3], ['安徽新源食品有限公司', 2]] },
];

const day = (base: string, plus: number) => new Date(Date.parse(base) + plus * 86_400_000).toISOString().slice(0, 10);

/** In the order of receipt: each enterprise's cases in a row, one case every five days from 3 January 2023. */
export function referenceCases(): CaseSpec[] {
  const out: CaseSpec[] = [];
  for (const g of GROUPS) {
    for (const [enterprise, n] of g.enterprises) {
      for (let k = 0; k < n; k++) {
        const receivedDate = day('2023-01-03', out.length * 5);
        out.push({ enterprise, category: g.category, receivedDate, resolvedDate: day(receivedDate, 1) });
      }
    }
  }
  return out;
}

export const REFERENCE_COUNTS = { tax_policy: 39, staffing: 5, infrastructure: 10, premises: 4, schooling: 5 } as const;
