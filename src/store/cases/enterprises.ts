import type { Enterprise } from '../../generated/prisma/client.js';
import { normalizeEnterpriseName, tidyEnterpriseName } from '../../domain/cases/enterprise-name.js';
import type { DbTx } from './case-types.js';

/**
 * The enterprise a name refers to, created the first time. 「华为」 and 「华为技术有限公司」 are
 * one firm; the fuller name is kept for display.
 */
export async function findOrCreateEnterprise(tx: DbTx, rawName: string): Promise<Enterprise> {
  const name = tidyEnterpriseName(rawName);
  const normalizedName = normalizeEnterpriseName(name);
  const found = await tx.enterprise.findUnique({ where: { normalizedName } });
  if (!found) return tx.enterprise.create({ data: { name, normalizedName } });
  if ([...name].length > [...found.name].length) return tx.enterprise.update({ where: { id: found.id }, data: { name } });
  return found;
}
