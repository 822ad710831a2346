/**
 * Name look-ups of one running bot: those still under way (thirty clicks at the same moment
 * ask once) and names nobody could tell, not asked for again until `until`. Lives on the
 * bot's directory, so two bots in one process share nothing; `clear` (called by `Bot.stop`)
 * drops it.
 */
export class NameMemo {
  readonly inflight = new Map<string, Promise<string>>();
  readonly unknownUntil = new Map<string, { label: string; until: number }>();

  clear(): void {
    this.inflight.clear();
    this.unknownUntil.clear();
  }

  get size(): number {
    return this.inflight.size + this.unknownUntil.size;
  }
}
