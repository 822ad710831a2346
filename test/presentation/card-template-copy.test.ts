import { describe, expect, it } from 'vitest';
import { loadTemplate, setElement } from '../../src/presentation/cards/template.js';

describe('a card template', () => {
  it('is a fresh copy each time: filling one card changes no other, down to nested elements', () => {
    const first = loadTemplate('case-card');
    const pristine = JSON.stringify(loadTemplate('case-card'));
    setElement(first, 'fields', { content: '已改动' });
    (first.header as Record<string, unknown>).template = 'red';
    const body = first.body as { elements: unknown[] };
    body.elements.length = 0;
    expect(JSON.stringify(loadTemplate('case-card'))).toBe(pristine);
  });
});
