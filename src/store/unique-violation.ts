import { Prisma } from '../generated/prisma/client.js';

/** A unique index refused the write (Prisma's P2002, whatever the SQL dialect). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}
