import type { ActivityDependencies } from './dependencies';
import { auditActor, recordAudit } from '../src/audit/audit-log';
import { buildCodingOptions, codeVisit } from '../src/coding';
import type { ClaimLine, CodingResult } from '../src/coding/types';
import type { PathologyResult, ReviewDecision } from '../workflows/messages';
import { readVisitDocument } from './visits';
import { invalidData } from './errors';

function isValidationError(
  error: unknown,
): error is Error & { issues: Array<{ path: string; message: string }> } {
  return error instanceof Error && Array.isArray((error as { issues?: unknown }).issues);
}

async function storeCodingRun(
  deps: ActivityDependencies,
  visitId: string,
  runKey: string,
  result: CodingResult,
) {
  await deps.db.codingRun.upsert({
    where: { runKey },
    create: { visitId, runKey, result: result as object, confidence: result.confidence.score.toFixed(3) },
    update: {},
  });
}

export function createCodingActivities(deps: ActivityDependencies) {
  return {
    /**
     * Stage 2: codes the visit from its documentation. Documentation that cannot be coded comes
     * back as error findings (routed to staff review), never as a guess.
     */
    async codeVisit(input: { visitId: string; revision: number }): Promise<CodingResult> {
      const visit = await readVisitDocument(deps, input.visitId);
      let result: CodingResult;
      try {
        result = codeVisit(visit, buildCodingOptions({ feeSchedule: deps.feeSchedule }));
      } catch (error) {
        if (!isValidationError(error)) throw error;
        result = {
          diagnosisCodes: [],
          lines: [],
          selfPayLines: [],
          findings: error.issues.map((issue) => ({
            ruleId: 'DOCUMENTATION',
            severity: 'error' as const,
            message: issue.message,
            evidence: [issue.path],
          })),
          pathologyHold: null,
          confidence: { score: 0, factors: [{ factor: 'documentation cannot be coded', weight: -1 }] },
          providerDifferences: [],
        };
      }
      await storeCodingRun(deps, input.visitId, `${input.visitId}:${input.revision}`, result);
      return result;
    },

    /** Writes a final pathology result into the visit documentation (idempotent). */
    async recordPathologyResult(input: { visitId: string; pathology: PathologyResult }): Promise<void> {
      const { visitId, pathology } = input;
      await deps.db.$transaction(async (tx) => {
        const visit = await tx.visit.findUnique({ where: { id: visitId } });
        if (!visit) throw invalidData(`visit ${visitId} is not on file`);
        const document = visit.document as { lesions?: Array<{ id: string; pathology?: unknown }> };
        const lesion = document.lesions?.find((l) => l.id === pathology.lesionId);
        if (!lesion)
          throw invalidData(
            `pathology result names lesion ${pathology.lesionId}, which the visit does not have`,
          );
        lesion.pathology = {
          status: 'final',
          result: pathology.result,
          diagnosisCode: pathology.diagnosisCode,
        };
        await tx.visit.update({ where: { id: visitId }, data: { document: document as object } });
        await recordAudit(tx, {
          visitId,
          ...auditActor(pathology.actor, pathology.reportedBy ?? 'unknown'),
          action: 'pathology.final',
          detail: { lesionId: pathology.lesionId, result: pathology.result },
          eventKey: `pathology:${visitId}:${pathology.lesionId}`,
        });
      });
    },

    /** Staff amendment: their lines replace the engine's, priced from the fee schedule. */
    async applyCodeAmendment(input: {
      visitId: string;
      revision: number;
      previous: CodingResult;
      decision: ReviewDecision;
    }): Promise<CodingResult> {
      const { decision, previous } = input;
      const diagnosisCodes = decision.diagnosisCodes ?? previous.diagnosisCodes;
      const lines: ClaimLine[] = (decision.lines ?? []).map((line) => {
        if (line.diagnosisPointers.some((p) => p < 1 || p > diagnosisCodes.length)) {
          throw invalidData(`amended line ${line.code} points at a diagnosis that is not on the claim`);
        }
        return {
          ...line,
          chargeCents: (deps.feeSchedule[line.code] ?? 0) * line.units,
          label: previous.lines.find((l) => l.code === line.code)?.label ?? line.code,
        };
      });
      const result: CodingResult = {
        ...previous,
        diagnosisCodes,
        lines,
        findings: [
          {
            ruleId: 'CODES-AMENDED',
            severity: 'info',
            message: `codes amended by ${decision.reviewer}${decision.note ? `: ${decision.note}` : ''}`,
            evidence: [],
          },
        ],
        confidence: { score: 1, factors: [{ factor: 'reviewed and amended by billing staff', weight: 0 }] },
      };
      await storeCodingRun(deps, input.visitId, `${input.visitId}:${input.revision}`, result);
      return result;
    },
  };
}
