import type { ActionContext } from '../../bot/context.js';

/** A text field of the submitted card form, trimmed; '' when absent, blank or not text. */
export function formText(ctx: ActionContext, field: string): string {
  const value = ctx.action.formValue?.[field];
  return typeof value === 'string' ? value.trim() : '';
}
