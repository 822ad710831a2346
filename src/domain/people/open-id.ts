/** A Lark open_id as the bot stores and accepts it. */
export const OPEN_ID_PATTERN = /^ou_[A-Za-z0-9_-]+$/;

export function isOpenId(value: string): boolean {
  return OPEN_ID_PATTERN.test(value);
}

/** Last resort label for a person nobody could name: never the whole open_id. */
export function shortId(openId: string): string {
  return `用户${openId.slice(-4)}`;
}
