import type { EventHandler } from '../../bot/registry.js';
import { routeCardAction } from '../router.js';

/** `card.action.trigger`: a click or form submit on a card; answered while Lark waits. */
export const cardActionEvent: EventHandler = {
  type: 'card.action.trigger',
  handle: routeCardAction,
};
