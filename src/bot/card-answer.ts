/** A click, selection or form submit on a card (`card.action.trigger`'s `action`). */
export interface CardAction {
  tag: string;
  name?: string | undefined;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown> | undefined;
  option?: string | undefined;
  inputValue?: string | undefined;
}

/** What a card callback answers within 3 s: a toast and/or the card's new content. */
export interface CardAnswer {
  toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string };
  card?: Record<string, unknown>;
}
