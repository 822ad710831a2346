import { expect } from 'vitest';
import type { TestBot } from '../../support/test-bot.js';
import { documentXml, draftFromPosts, sentTexts, uploadedFiles } from './draft-output.js';

/** What the draft of the reference year must say, and that its .docx lists exactly `codes`. */
export function expectReferenceDraft(t: TestBot, org: string, codes: string[]): void {
  expect(sentTexts(t.fake).some((s) => s.includes('正在生成'))).toBe(true);
  const text = draftFromPosts(t.fake);
  expect(text.split('\n')[0]).toBe(`${org}2023年法治政府建设工作总结`);
  for (const heading of ['一、工作开展情况', '（一）', '（二）', '（三）', '二、存在问题', '三、下步打算']) expect(text).toContain(heading);
  // Every case resolved by 31 December: the seed's wording, dated by the year rather than 「截至目前」.
  expect(text).toContain('截至2023年12月31日，我局共为企业解决问题63件。');
  expect(text).toContain('2023年，我局认真按照要求全面推进法治政府建设工作');
  expect(text).not.toMatch(/截至目前|今年/);
  expect(text).toContain('办结率100%');
  expect(text).toContain('在规定时限内按流程为企业解决问题');
  expect(text).toContain('解决安徽易加鑫网络科技有限公司、好得科技有限公司等申请兑现增值税和企业所得税扶持政策问题办理39件');
  // The case handlers store names tidied to full-width brackets; a seeded name keeps what was typed.
  expect(text).toMatch(/解决金龙机电[(（]淮北[)）]有限公司、安徽和晶智能科技有限公司等企业用人需求问题办理5件/);
  expect(text).toContain('解决淮北源淮实业有限公司、河间市恒山密封材料有限公司等项目基础设施建设问题办理10件');
  expect(text).toContain('解决协调安徽合璟科技有限公司等办公厂房问题办理4件');
  expect(text).toContain('帮助解决淮北沃盛体育用品有限公司、安徽新源食品有限公司等企业高管子女入学择校问题办理5件');
  expect(text).not.toContain('其他问题');
  expect(text).not.toMatch(/其他年度企业/);
  expect(text).not.toMatch(/超过规定时限|参学率不高/);

  const docx = uploadedFiles(t.fake).find((f) => f.fileName.endsWith('.docx'))!;
  expect(docx.fileName).toBe(`${org}2023年法治政府建设工作总结.docx`);
  expect(docx.fileType).toBe('doc');
  const xml = documentXml(docx.data);
  expect(xml).toContain('附件：2023年企业诉求台账');
  expect(xml).toContain('共为企业解决问题63件');
  const listed = [...xml.matchAll(/QY\d{4}-\d{4}/g)].map((m) => m[0]);
  expect(listed).toHaveLength(63);
  expect(new Set(listed)).toEqual(new Set(codes));
}
