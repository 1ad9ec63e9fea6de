import { z } from 'zod';
import membersJson from '../../../config/sandbox-members.json';

/**
 * Test members of the sandbox payer with benefits of their own (config/sandbox-members.json,
 * docs/sandbox.md): what its 271 says and what its 835 makes the patient pay, so an estimate can be
 * checked against the payment. Members not listed follow the member-id prefix rules.
 */
export const SandboxMemberSchema = z
  .object({
    planName: z.string().min(1).max(60),
    /** EB04 of the plan: HN makes a Medicare plan Medicare Advantage, MB original Medicare. */
    insuranceType: z.string().regex(/^[0-9A-Z]{1,3}$/),
    copayCents: z.number().int().nonnegative(),
    deductibleCents: z.number().int().nonnegative(),
    deductibleRemainingCents: z.number().int().nonnegative(),
    coinsuranceBasisPoints: z.number().int().min(0).max(10000),
    outOfPocketCents: z.number().int().nonnegative(),
    outOfPocketRemainingCents: z.number().int().nonnegative(),
    limitations: z
      .array(
        z.object({
          serviceTypes: z.array(z.string()).min(1),
          quantity: z.string().optional(),
          message: z.string(),
        }),
      )
      .max(5),
    referralRequired: z.boolean(),
    otherPayers: z
      .array(
        z.object({
          payerName: z.string().optional(),
          payerId: z.string().optional(),
          insuranceType: z.string().optional(),
          isPrimary: z.boolean(),
        }),
      )
      .max(3),
    /** Answer the 270 with this AAA03 reject reason instead of benefits. */
    rejection: z.string().regex(/^[0-9A-Z]{2}$/),
    inactive: z.boolean(),
    /**
     * When this member's plan pays after another payer (a secondary/tertiary claim, or a crossover
     * to it): its own cost sharing on what the prior payer left to the patient. None: it pays it all.
     */
    secondaryCostSharing: z
      .object({
        deductibleRemainingCents: z.number().int().nonnegative(),
        coinsuranceBasisPoints: z.number().int().min(0).max(10000),
      })
      .strict(),
    /**
     * The payer forwards this member's paid claims to the member's next payer (CLP02 19, MA18,
     * NM1*TT) and that payer's 835 follows, quoting the same claim: no secondary 837P is needed.
     */
    crossover: z
      .object({
        payerId: z.string().regex(/^[A-Z0-9]{2,10}$/),
        payerName: z.string().min(1).max(60),
        /** The member at the crossover payer (its secondaryCostSharing applies). */
        memberId: z.string().min(2).max(30),
      })
      .strict(),
  })
  .partial()
  .strict();
export type SandboxMember = z.infer<typeof SandboxMemberSchema>;

export const SandboxMembersSchema = z.object({ members: z.record(z.string(), SandboxMemberSchema) }).strict();

/** Validated when the module loads: a bad file stops the sandbox from starting. */
export const sandboxMembers: Record<string, SandboxMember> = SandboxMembersSchema.parse(membersJson).members;

export function sandboxMember(memberId: string): SandboxMember {
  return sandboxMembers[memberId] ?? {};
}
