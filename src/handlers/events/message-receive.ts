import type { EventHandler } from '../../bot/registry.js';
import { apologize, routeMessage } from '../router.js';

/** `im.message.receive_v1`: a message to the bot (commands, text in a direct chat). */
export const messageReceiveEvent: EventHandler = {
  type: 'im.message.receive_v1',
  handle: routeMessage,
  giveUp: apologize,
};
