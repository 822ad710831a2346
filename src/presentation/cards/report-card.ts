import { CATEGORIES } from '../../domain/cases/categories.js';
import type { ReportGuess } from '../../domain/cases/guess-report.js';
import { LIMITS } from '../../domain/cases/report-form.js';
import { loadTemplate, plain, setElement, type CardJson } from './template.js';

/** The report card (contract: enterprise, category, content, received_date, department, 提交), prefilled from a guess. */
export function reportCard(o: { today: string; guess?: Partial<ReportGuess> }): CardJson {
  const card = structuredClone(loadTemplate<CardJson>('report-card'));
  const g = o.guess ?? {};
  setElement(card, 'enterprise', { max_length: LIMITS.enterprise, ...(g.enterprise ? { default_value: g.enterprise } : {}) });
  setElement(card, 'category', {
    options: CATEGORIES.map((c) => ({ text: plain(c.label), value: c.value })),
    ...(g.category ? { initial_option: g.category } : {}),
  });
  setElement(card, 'content', { max_length: LIMITS.content, ...(g.content ? { default_value: g.content.slice(0, LIMITS.content) } : {}) });
  setElement(card, 'received_date', { initial_date: o.today });
  setElement(card, 'department', { max_length: LIMITS.department });
  return card;
}
