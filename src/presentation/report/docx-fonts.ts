/**
 * The fonts a 公文 uses (GB/T 9704), each with fallbacks for machines that lack it: Word reads
 * `w:altName` in fontTable.xml, WPS and LibreOffice map these common names on their own.
 */
export const FONTS = {
  title: { name: '方正小标宋简体', alt: '方正小标宋_GBK,华文中宋,宋体,SimSun' },
  heading: { name: '黑体', alt: 'SimHei,Heiti SC,Noto Sans CJK SC' },
  lead: { name: '楷体_GB2312', alt: '楷体,KaiTi,STKaiti' },
  body: { name: '仿宋_GB2312', alt: '仿宋,FangSong,STFangsong' },
  latin: { name: 'Times New Roman', alt: '' },
  pageNumber: { name: '宋体', alt: 'SimSun,Noto Serif CJK SC' },
} as const;

/** Run fonts: the Chinese font for East Asian text, Times New Roman for Latin digits and letters. */
export function runFont(f: { name: string }): { eastAsia: string; ascii: string; hAnsi: string; cs: string } {
  return { eastAsia: f.name, ascii: FONTS.latin.name, hAnsi: FONTS.latin.name, cs: FONTS.latin.name };
}

/** fontTable.xml listing every font with its fallbacks (charset 86 = GB2312). */
export function fontTableXml(): string {
  const fonts = Object.values(FONTS)
    .map((f) => `<w:font w:name="${f.name}">${f.alt ? `<w:altName w:val="${f.alt}"/><w:charset w:val="86"/>` : ''}<w:family w:val="${f.name === 'Times New Roman' ? 'roman' : 'auto'}"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小五 9 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaowu: 18 } as const;
