/**
 * The key that decides whether two names are one firm. People write 「华为」, 「华为技术有限公司」
 * or 「华为技术（深圳）有限公司」 for the same enterprise; legal forms, a region in brackets and a
 * few generic words say nothing about which firm it is. Brand words stay, so 「好得科技」 and
 * 「好得医药」 remain two firms.
 */
const GENERIC_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '公司', '集团', '股份', '科技', '技术', '实业', '控股', '厂'];

export function normalizeEnterpriseName(name: string): string {
  let s = name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .toLowerCase();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of GENERIC_SUFFIXES) {
      if (s.endsWith(suffix) && s.length - suffix.length >= 2) {
        s = s.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** Tidy display form: full-width brackets, no stray spaces. */
export function tidyEnterpriseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').replace(/\(/g, '（').replace(/\)/g, '）');
}
