import { z } from 'zod';
import cyclesJson from '../../config/statement-cycles.json';
import type { StatementCycleTimer } from './cycle-timers';

export const StatementKindSchema = z.enum(['initial', 'reminder', 'final']);
export type StatementKind = z.infer<typeof StatementKindSchema>;

/** How a patient can pay, printed on every statement. */
export const HowToPaySchema = z
  .object({
    /** Digits only; printed as (217) 555-0100. */
    phone: z.string().regex(/^\d{10}$/, 'must be a 10-digit phone number'),
    portalUrl: z.url({ protocol: /^https$/ }),
    /** The remit-to address, one line per entry. */
    mailTo: z.array(z.string().min(1).max(80)).min(2).max(6),
  })
  .strict();
export type HowToPay = z.infer<typeof HowToPaySchema>;

/**
 * config/statement-cycles.json. Each cycle issues one statement and waits `daysUntilNext` for a
 * payment; the last cycle must be the final notice, after whose period a balance still owed
 * becomes a patient_collections staff task.
 */
export const StatementCyclesFileSchema = z
  .object({
    $comment: z.string().optional(),
    cycles: z
      .array(
        z.object({ kind: StatementKindSchema, daysUntilNext: z.number().int().min(1).max(365) }).strict(),
      )
      .min(1)
      .max(12)
      .superRefine((cycles, ctx) => {
        if (cycles[0]?.kind !== 'initial')
          ctx.addIssue({ code: 'custom', path: [0, 'kind'], message: 'the first cycle must be "initial"' });
        cycles.forEach((cycle, i) => {
          const last = i === cycles.length - 1;
          if (last !== (cycle.kind === 'final'))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'kind'],
              message: last ? 'the last cycle must be "final"' : 'only the last cycle may be "final"',
            });
        });
      }),
    howToPay: HowToPaySchema,
  })
  .strict();
export type StatementCyclesFile = z.infer<typeof StatementCyclesFileSchema>;

/** Parses a cycles file, throwing every problem at once (checked at start, like the decision policy). */
export function parseStatementCycles(json: unknown): StatementCyclesFile {
  const parsed = StatementCyclesFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new Error(`config/statement-cycles.json is invalid:\n  ${problems.join('\n  ')}`);
}

export const defaultStatementCycles: StatementCyclesFile = parseStatementCycles(cyclesJson);

export function statementCycleTimers(file: StatementCyclesFile): StatementCycleTimer[] {
  return file.cycles.map((c) => ({ kind: c.kind, untilNext: `${c.daysUntilNext} days` as const }));
}
