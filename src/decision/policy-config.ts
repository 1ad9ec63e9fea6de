import { readFileSync } from 'node:fs';
import { z } from 'zod';
import policyJson from '../../config/decision-policy.json';

const payerId = z
  .string()
  .regex(/^[A-Z0-9]{2,10}$/, 'must be a payer id (2-10 upper-case letters or digits)');

/** One level of the decision policy; every field optional so practices and payers override a few. */
export const PolicySettingsSchema = z
  .object({
    /** Claims coded with less confidence than this go to review. */
    autoSubmitMinConfidence: z.number().min(0).max(1),
    /** Claims whose total charge is above this (integer cents) go to review. */
    reviewAboveCents: z.number().int().nonnegative(),
    /** Regular expressions of unlisted or unusual codes that always need a person (17999, J3490…). */
    unlistedCodePatterns: z.array(z.string().min(1)).max(50),
    /** The payer is on the modifier watch list: modifier 25 or 59/X{EPSU} lines go to review. */
    watchModifiers: z.boolean(),
    watchedModifiers: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).max(20),
    reviewFirstClaimForPayer: z.boolean(),
    reviewFirstVisitWithCoverage: z.boolean(),
    /** The payer's timely-filing limit, in days after the date of service. */
    timelyFilingDays: z.number().int().min(1).max(3650),
    /** Review when fewer days than this remain before the timely-filing deadline. */
    timelyFilingWarningDays: z.number().int().min(0).max(3650),
    /** No active coverage on file: bill the patient (the reason is stated) or ask a person first. */
    whenNoActiveCoverage: z.enum(['bill_patient', 'review']),
  })
  .strict();
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;
const PartialSettings = PolicySettingsSchema.partial();

/** config/decision-policy.json: defaults, per payer, per practice and per practice and payer. */
export const DecisionPolicyFileSchema = z
  .object({
    defaults: PartialSettings.default({}),
    payers: z.record(payerId, PartialSettings).default({}),
    practices: z
      .record(
        z.string().min(1),
        PartialSettings.extend({ payers: z.record(payerId, PartialSettings).default({}) }).strict(),
      )
      .default({}),
  })
  .strict()
  .superRefine((file, ctx) => {
    const levels: Array<[Array<string | number>, Partial<PolicySettings>]> = [
      [['defaults'], file.defaults],
      ...Object.entries(file.payers).map(([id, s]): [string[], Partial<PolicySettings>] => [
        ['payers', id],
        s,
      ]),
      ...Object.entries(file.practices).map(([id, s]): [string[], Partial<PolicySettings>] => [
        ['practices', id],
        s,
      ]),
    ];
    for (const [path, settings] of levels)
      (settings.unlistedCodePatterns ?? []).forEach((pattern, i) => {
        try {
          new RegExp(pattern);
        } catch {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'unlistedCodePatterns', i],
            message: 'not a regular expression',
          });
        }
      });
  });
export type DecisionPolicyFile = z.infer<typeof DecisionPolicyFileSchema>;

/** The documented defaults (docs/decision-policy.md): what applies when the file says nothing. */
export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  autoSubmitMinConfidence: 0.85,
  reviewAboveCents: 250_000,
  unlistedCodePatterns: ['^[0-9]{3}99$', '^J3490$', '^J3590$'],
  watchModifiers: false,
  watchedModifiers: ['25', '59', 'XE', 'XP', 'XS', 'XU'],
  reviewFirstClaimForPayer: false,
  reviewFirstVisitWithCoverage: false,
  timelyFilingDays: 365,
  timelyFilingWarningDays: 30,
  whenNoActiveCoverage: 'bill_patient',
};

export const emptyPolicyFile: DecisionPolicyFile = { defaults: {}, payers: {}, practices: {} };

/** The settings for one claim: defaults ← payer ← practice ← the practice's settings for the payer. */
export function settingsFor(
  file: DecisionPolicyFile,
  practiceId: string,
  payer: string | null,
  base: PolicySettings = DEFAULT_POLICY_SETTINGS,
): PolicySettings {
  const practice = file.practices[practiceId];
  const { payers: practicePayers = {}, ...practiceSettings } = practice ?? { payers: {} };
  return {
    ...base,
    ...file.defaults,
    ...(payer ? file.payers[payer] : {}),
    ...practiceSettings,
    ...(payer ? practicePayers[payer] : {}),
  };
}

/** Reads and checks the policy file at start: a bad file stops the start, naming each problem. */
export function loadDecisionPolicyFile(file: string): DecisionPolicyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`decision policy ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const parsed = DecisionPolicyFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `decision policy ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** config/decision-policy.json, validated when the module loads (at start): a bad file stops the start. */
export const configuredDecisionPolicy: DecisionPolicyFile = DecisionPolicyFileSchema.parse(policyJson);
