/** A resolved case whose current resolution has no 回访 yet. */
export interface FollowupDue {
  code: string;
  enterprise: string;
  category: string;
  resolvedDate: string;
  /** The person who answers for the case: the assignee, else the reporter. */
  ownerId: string;
}

/** Owner → their cases waiting for 回访, oldest 办结 first; muted owners are left alone, as for deadlines. */
export function followupsByOwner(due: FollowupDue[], muted: Set<string>): Map<string, FollowupDue[]> {
  const out = new Map<string, FollowupDue[]>();
  for (const c of due) if (!muted.has(c.ownerId)) out.set(c.ownerId, [...(out.get(c.ownerId) ?? []), c]);
  for (const list of out.values()) list.sort((a, b) => a.resolvedDate.localeCompare(b.resolvedDate) || a.code.localeCompare(b.code));
  return out;
}
