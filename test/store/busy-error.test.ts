import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { isBusyError } from '../../src/store/busy-error.js';

const prismaError = (code: string, message = 'failed') => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: '7' });

describe('a busy database is recognised by its code, not by words in a message', () => {
  it('is not fooled by a message that merely contains a busy code or word', () => {
    expect(isBusyError(new Error('企业诉求 QY2023-40001 不存在'))).toBe(false);
    expect(isBusyError(new Error('order 40P01 shipped'))).toBe(false);
    expect(isBusyError(new Error('the deadlock detected in the report text'))).toBe(false);
    expect(isBusyError(new Error('SQLITE_BUSY is mentioned here'))).toBe(false);
    expect(isBusyError(prismaError('P2002', 'Unique constraint failed (40001)'))).toBe(false);
    expect(isBusyError(prismaError('P2028', 'Transaction already closed'))).toBe(false);
  });

  it('knows SQLite’s busy codes, PostgreSQL’s retry states and Prisma’s codes for them', () => {
    expect(isBusyError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true);
    expect(isBusyError(prismaError('P2034'))).toBe(true);
    expect(isBusyError(prismaError('P1008'))).toBe(true);
    expect(isBusyError(prismaError('P2028', 'Transaction API error: Unable to start a transaction in the given time.'))).toBe(true);
  });
});
