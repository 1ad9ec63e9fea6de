/**
 * Payer coding policy as data (config/payer-policies.json): which distinct-procedural-service
 * modifier a payer wants, on which line of an NCCI pair it accepts it, modifier order and whether
 * ABN modifiers apply. One object per payer type plus per-payer overrides; read by the coding
 * engine, denial correction (src/denials) and the sandbox payer (src/clearinghouse/sandbox).
 */
import { z } from 'zod';
import policyJson from '../../config/payer-policies.json';
import { DistinctServiceModifierSchema as Distinct, PayerTypeSchema, type PayerType } from '../visit/schema';

export const ModifierGroupSchema = z.enum(['25', 'distinct', 'other', 'abn']);
export type ModifierGroup = z.infer<typeof ModifierGroupSchema>;

const DistinctModifiersSchema = z.object({
  /** Separate structure: a different site or lesion (XS or 59). */
  separateStructure: Distinct.extract(['XS', '59']),
  /** Separate encounter the same day (XE or 59). */
  separateEncounter: Distinct.extract(['XE', '59']),
  /** A different practitioner (XP or 59). */
  separatePractitioner: Distinct.extract(['XP', '59']),
  /** Unusual non-overlapping service, e.g. a diagnostic biopsy before same-day Mohs (XU or 59). */
  unusualNonOverlapping: Distinct.extract(['XU', '59']),
});

export const PayerPolicySchema = z.object({
  distinctModifiers: DistinctModifiersSchema,
  /** The line of an NCCI pair on which the payer accepts the modifier; coding puts it on column 2. */
  ncciModifierLine: z.enum(['column2', 'either']),
  /** Billing order of modifier groups on a line. */
  modifierOrder: z.array(ModifierGroupSchema).length(4),
  /** GA/GZ/GY apply: traditional Medicare only. */
  abnModifiers: z.boolean(),
  /** GX (voluntary ABN on a statutorily excluded service, with GY) is accepted [rcmguide]. */
  voluntaryAbnModifier: z.boolean().default(false),
  /**
   * Discarded drug from single-dose containers [cms-jw-jz]: "jw_jz" (Medicare Part B: a JW line for
   * the discarded amount, JZ when nothing was discarded, from 2023-07-01), "jw" (a JW line only),
   * "none" (the payer pays the administered amount only; waste is not billed).
   */
  drugWaste: z.enum(['jw_jz', 'jw', 'none']).default('jw'),
});
export type PayerPolicy = z.infer<typeof PayerPolicySchema>;

const PayerOverrideSchema = PayerPolicySchema.partial().extend({
  payerId: z.string().regex(/^[A-Z0-9]{2,10}$/),
  name: z.string().min(1),
  /** The payer-type policy this payer's overrides apply to (default: the visit's payer type). */
  payerType: PayerTypeSchema.optional(),
  distinctModifiers: DistinctModifiersSchema.partial().optional(),
});

export const PayerPolicyBookSchema = z.object({
  description: z.string().optional(),
  payerTypes: z.record(PayerTypeSchema, PayerPolicySchema),
  payers: z.array(PayerOverrideSchema).default([]),
});
export type PayerPolicyBook = z.infer<typeof PayerPolicyBookSchema>;

/** The configured policies (config/payer-policies.json), validated when the module loads. */
export const defaultPayerPolicies: PayerPolicyBook = PayerPolicyBookSchema.parse(policyJson);

const resolved = new WeakMap<PayerPolicyBook, Map<string, PayerPolicy>>();

/** The policy for a payer: its payer-type policy with the payer's own overrides applied. */
export function payerPolicyFor(
  book: PayerPolicyBook,
  payer: { payerId: string; payerType: PayerType } | undefined,
): PayerPolicy {
  const payerType = payer?.payerType ?? 'commercial';
  const key = `${payer?.payerId ?? ''}|${payerType}`;
  let cache = resolved.get(book);
  if (!cache) resolved.set(book, (cache = new Map()));
  let policy = cache.get(key);
  if (!policy) {
    const override = book.payers.find((p) => p.payerId === payer?.payerId);
    const base = book.payerTypes[override?.payerType ?? payerType];
    const { payerId: _id, name: _name, payerType: _type, ...fields } = override ?? { payerId: '', name: '' };
    policy = {
      ...base,
      ...fields,
      distinctModifiers: { ...base.distinctModifiers, ...fields.distinctModifiers },
    };
    cache.set(key, policy);
  }
  return policy;
}

/** Every modifier the payer accepts as distinct procedural service (59 always; X{EPSU} if configured). */
export function acceptedDistinctModifiers(policy: PayerPolicy): Set<string> {
  return new Set(['59', ...Object.values(policy.distinctModifiers)]);
}
