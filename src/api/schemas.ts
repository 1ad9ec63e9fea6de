import { z } from 'zod';

export const ReviewDecisionSchema = z
  .object({
    action: z.enum(['approve', 'amend', 'reject', 'bill_patient']),
    reviewer: z.string().min(1).max(64),
    note: z.string().max(500).optional(),
    lines: z
      .array(
        z.object({
          code: z.string().regex(/^([0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})$/, 'must be a CPT or HCPCS code'),
          modifiers: z
            .array(z.string().regex(/^[0-9A-Z]{2}$/))
            .max(4)
            .default([]),
          units: z.number().int().positive().default(1),
          diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
        }),
      )
      .min(1)
      .optional(),
    diagnosisCodes: z
      .array(z.string().regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/))
      .min(1)
      .max(12)
      .optional(),
  })
  .refine((d) => d.action !== 'amend' || d.lines !== undefined, {
    message: 'an amendment must give the corrected lines',
    path: ['lines'],
  });

export const PathologyResultSchema = z.object({
  lesionId: z.string().min(1).max(64),
  result: z.enum(['benign', 'premalignant', 'malignant', 'atypia', 'uncertain']),
  diagnosisCode: z
    .string()
    .regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/)
    .optional(),
  reportedBy: z.string().min(1).max(64),
});

export const VisitIdParamSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

export function problemsOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : '(body)', message: i.message }));
}
