/**
 * `work`'s value when it settles within `ms`, else `late` (the work itself goes on: the caller
 * decides what happens to it). The timer is cleared either way, so nothing lingers.
 */
export async function within<T, L>(work: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when every promise settled within `ms`. */
export function settledWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  return within(Promise.allSettled(promises).then(() => true as const), ms, false as const);
}
