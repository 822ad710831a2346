/** A year as typed in a command: four digits, with or without 年 ('2023', '2023年'); else undefined. */
export function yearWord(word: string): number | undefined {
  const m = /^(\d{4})年?$/.exec(word);
  return m ? Number(m[1]) : undefined;
}
