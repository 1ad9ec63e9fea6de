import { z } from 'zod';
import type { StaffRole as DatabaseStaffRole } from '../db/generated/enums';

/**
 * Staff roles, one vocabulary for the code, the API and the database (Prisma enum `StaffRole`).
 * What each role may do is the permission table in ./permissions.ts.
 */
export const STAFF_ROLES = ['biller', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const StaffRoleSchema = z.enum(STAFF_ROLES);

// The database's enum (prisma/schema.prisma `StaffRole`) must be exactly this vocabulary.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDatabase: Same<StaffRole, DatabaseStaffRole> = true;
void sameAsDatabase;

/** Lower-case letters, digits and . _ -; a username is never reused (users are disabled, not deleted). */
export const UsernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/**
 * The authenticated person behind an API call, as passed to the workflow with staff decisions:
 * taken from the credential, never from a request body.
 */
export interface StaffActor {
  userId: string;
  username: string;
  role: StaffRole;
}
