import type { PriorAuthorization } from '../visit/schema';

/**
 * The authorization number for the claim (REF*G1, claim loop 2300): a staff-entered number first,
 * else the EHR's authorization covering a billed code (one without codes covers the whole visit).
 */
export function priorAuthorizationNumberFor(
  authorizations: PriorAuthorization[],
  billedCodes: string[],
  staffNumber?: string,
): string | undefined {
  if (staffNumber) return staffNumber;
  const covering = authorizations.find(
    (a) => a.procedureCodes.length === 0 || a.procedureCodes.some((c) => billedCodes.includes(c)),
  );
  return covering?.number;
}

/** Billed codes the payer says need prior authorization and that no authorization on file covers. */
export function codesLackingAuthorization(
  required: string[],
  billedCodes: string[],
  authorizations: PriorAuthorization[],
  staffNumber?: string,
): string[] {
  const needed = required.filter((code) => billedCodes.includes(code));
  if (staffNumber) return [];
  return needed.filter(
    (code) => !authorizations.some((a) => a.procedureCodes.length === 0 || a.procedureCodes.includes(code)),
  );
}
