import { CATEGORIES } from '../../domain/cases/categories.js';
import type { ReportGuess } from '../../domain/cases/guess-report.js';
import { LIMITS } from '../../domain/cases/report-form.js';
import { loadTemplate, plain, setElement, type CardJson } from './template.js';

/** Lark's input element takes at most 1,000 characters; longer text is refused when the card is sent. */
const INPUT_MAX = 1000;

/** The first `max` characters (whole code points: Lark counts characters, not UTF-16 units). */
const upTo = (text: string, max: number) => Array.from(text).slice(0, max).join('');

/** The report card (cards/report-card.json; contract: enterprise, category, content, received_date, department, 提交), prefilled from a guess. */
export function reportCard(o: { today: string; guess?: Partial<ReportGuess> }): CardJson {
  const card = loadTemplate('report-card');
  const g = o.guess ?? {};
  setElement(card, 'enterprise', { max_length: LIMITS.enterprise, ...(g.enterprise ? { default_value: upTo(g.enterprise, LIMITS.enterprise) } : {}) });
  setElement(card, 'category', {
    options: CATEGORIES.map((c) => ({ text: plain(c.label), value: c.value })),
    ...(g.category ? { initial_option: g.category } : {}),
  });
  const contentMax = Math.min(LIMITS.content, INPUT_MAX);
  setElement(card, 'content', { max_length: contentMax, ...(g.content ? { default_value: upTo(g.content, contentMax) } : {}) });
  setElement(card, 'received_date', { initial_date: o.today });
  setElement(card, 'department', { max_length: LIMITS.department });
  return card;
}
