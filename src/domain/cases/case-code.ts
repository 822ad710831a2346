/** QY<year of receipt>-<4 digits>, e.g. QY2023-0007. */
export function formatCaseCode(year: number, seq: number): string {
  return `QY${year}-${String(seq).padStart(4, '0')}`;
}

/** Reads a code as people type it (`qy2023-7`, `QY2023-0007`, `QY20230007`); undefined when it is not one. */
export function parseCaseCode(input: string): string | undefined {
  const m = /^QY\s*(\d{4})\s*[-－—]?\s*(\d{1,4})$/i.exec(input.trim());
  return m ? formatCaseCode(Number(m[1]), Number(m[2])) : undefined;
}

/** Largest sequence a code can carry (4 digits). */
export const MAX_SEQ = 9999;
