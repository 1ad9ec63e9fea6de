import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Database = InstanceType<typeof PrismaClient>;
export { Prisma } from './generated/client';
export type { ApiKey, ClaimLineRecord, User } from './generated/client';

/** A Prisma client over node-postgres (no native query engine needed). */
export function createDatabase(databaseUrl: string): Database {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
