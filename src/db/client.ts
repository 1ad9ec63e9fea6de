import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Database = InstanceType<typeof PrismaClient>;
export { Prisma } from './generated/client';
export type { ApiKey, Claim, ClaimLineRecord, RemittanceClaim, User } from './generated/client';

/**
 * A Prisma client over node-postgres (no native query engine needed). `errorFormat: 'minimal'`:
 * Prisma's default messages print the failing query with its arguments (a visit's whole document);
 * logs still go through src/logging/error-serializer.ts, which keeps only type and code.
 */
export function createDatabase(databaseUrl: string): Database {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }),
    errorFormat: 'minimal',
  });
}
