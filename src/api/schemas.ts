import { z } from 'zod';
import { reviewActions } from '../visit-billing/vocabulary';
import { safeText } from '../visit/primitives';
import {
  Icd10CodeSchema,
  ModifierSchema,
  OpaqueIdSchema,
  PriorAuthorizationSchema,
  ProcedureCodeSchema,
} from '../visit/schema';

/** Corrected claim lines of an amendment (the decision and the as-you-type check share it). */
export const AmendedLinesSchema = z
  .array(
    z.object({
      code: ProcedureCodeSchema,
      modifiers: z.array(ModifierSchema).max(4).default([]),
      units: z.number().int().positive().default(1),
      diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
    }),
  )
  .min(1);

// Who decides or reports is the signed-in user (the credential), never a body field: a body that
// still names a `reviewer` or `reportedBy` has that field ignored.
export const ReviewDecisionSchema = z
  .object({
    action: z.enum(reviewActions),
    /** The task decided on: a decision for a task that is no longer open is refused (409). */
    taskId: z.string().min(1).max(200).optional(),
    note: safeText(500, { multiline: true }).optional(),
    lines: AmendedLinesSchema.optional(),
    diagnosisCodes: z.array(Icd10CodeSchema).min(1).max(12).optional(),
    /** For "approve": the payer's prior authorization number (sent on the claim as REF*G1). */
    priorAuthorizationNumber: PriorAuthorizationSchema.shape.number.optional(),
  })
  .refine((d) => d.action !== 'amend' || d.lines !== undefined, {
    message: 'an amendment must give the corrected lines',
    path: ['lines'],
  });

/** An amendment checked as a biller types (POST /v1/visits/{visitId}/amendment-check). */
export const AmendmentCheckSchema = z.object({
  lines: AmendedLinesSchema,
  diagnosisCodes: z.array(Icd10CodeSchema).min(1).max(12).optional(),
});

export const PathologyResultSchema = z.object({
  lesionId: OpaqueIdSchema,
  result: z.enum(['benign', 'premalignant', 'malignant', 'atypia', 'uncertain']),
  diagnosisCode: Icd10CodeSchema.optional(),
});

export const VisitIdParamSchema = OpaqueIdSchema;

export function problemsOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : '(body)', message: i.message }));
}
