import type { ActivityDependencies } from './dependencies';
import { auditActor, recordAudit } from '../src/audit/audit-log';
import { buildCodingOptions, codeVisit } from '../src/coding';
import type { ClaimLine, CodingResult } from '../src/coding/types';
import { checkAmendedCodes, type AmendmentProblem } from '../src/review/amendment-rules';
import { decidedBy, type PathologyResult, type ReviewDecision } from '../src/visit-billing/messages';
import { applyStoredRevision, readVisitDocument, summarizeVisit, type VisitSummary } from './visits';
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

/** Documentation that cannot be coded comes back as error findings (staff review), never a guess. */
function uncodable(issues: Array<{ path: string; message: string }>): CodingResult {
  return {
    diagnosisCodes: [],
    lines: [],
    selfPayLines: [],
    findings: issues.map((issue) => ({
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

async function codeStoredVisit(
  deps: ActivityDependencies,
  visitId: string,
  revision: number,
): Promise<{ visit: VisitSummary; coding: CodingResult }> {
  const visit = await readVisitDocument(deps, visitId);
  let result: CodingResult;
  try {
    result = codeVisit(visit, buildCodingOptions({ feeSchedule: deps.feeSchedule }));
  } catch (error) {
    if (!isValidationError(error)) throw error;
    result = uncodable(error.issues);
  }
  await storeCodingRun(deps, visitId, `${visitId}:${revision}`, result);
  return { visit: summarizeVisit(visit), coding: result };
}

/** Writes a final pathology result into the visit documentation (idempotent). */
async function writePathologyResult(
  deps: ActivityDependencies,
  visitId: string,
  pathology: PathologyResult,
): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const visit = await tx.visit.findUnique({ where: { id: visitId } });
    if (!visit) throw invalidData(`visit ${visitId} is not on file`);
    const document = visit.document as { lesions?: Array<{ id: string; pathology?: unknown }> };
    const lesion = document.lesions?.find((l) => l.id === pathology.lesionId);
    if (!lesion)
      throw invalidData(`pathology result names lesion ${pathology.lesionId}, which the visit does not have`);
    lesion.pathology = { status: 'final', result: pathology.result, diagnosisCode: pathology.diagnosisCode };
    await tx.visit.update({ where: { id: visitId }, data: { document: document as object } });
    await recordAudit(tx, {
      visitId,
      ...auditActor(pathology.actor, pathology.reportedBy ?? 'unknown'),
      action: 'pathology.final',
      detail: { lesionId: pathology.lesionId, result: pathology.result },
      eventKey: `pathology:${visitId}:${pathology.lesionId}`,
    });
  });
}

/** An amendment's lines replace the engine's, priced from the fee schedule. */
function amendedCoding(
  deps: ActivityDependencies,
  previous: CodingResult,
  decision: ReviewDecision,
): CodingResult {
  const diagnosisCodes = decision.diagnosisCodes ?? previous.diagnosisCodes;
  const lines: ClaimLine[] = (decision.lines ?? []).map((line) => ({
    ...line,
    chargeCents: (deps.feeSchedule[line.code] ?? 0) * line.units,
    label: previous.lines.find((l) => l.code === line.code)?.label ?? line.code,
  }));
  return {
    ...previous,
    diagnosisCodes,
    lines,
    findings: [
      {
        ruleId: 'CODES-AMENDED',
        severity: 'info',
        message: `codes amended by ${decidedBy(decision)}${decision.note ? `: ${decision.note}` : ''}`,
        evidence: [],
      },
    ],
    confidence: { score: 1, factors: [{ factor: 'reviewed and amended by billing staff', weight: 0 }] },
  };
}

export type AmendmentReview =
  { accepted: true; coding: CodingResult } | { accepted: false; problems: AmendmentProblem[] };

export function createCodingActivities(deps: ActivityDependencies) {
  return {
    /**
     * Stages 1-2 in one step: makes amended documentation current, writes pathology reports into
     * it, then codes the visit (v2 workflow, as a local activity).
     */
    async prepareCoding(input: {
      visitId: string;
      revision: number;
      applyRevision?: number;
      pathology: PathologyResult[];
    }): Promise<{ visit: VisitSummary; coding: CodingResult }> {
      if (input.applyRevision !== undefined)
        await applyStoredRevision(deps, { visitId: input.visitId, revision: input.applyRevision });
      for (const pathology of input.pathology) await writePathologyResult(deps, input.visitId, pathology);
      return codeStoredVisit(deps, input.visitId, input.revision);
    },

    /**
     * A staff or automatic amendment checked against the coding rules; accepted ones are priced
     * and stored as the visit's coding run for `revision`. Refused ones change nothing.
     */
    async reviewAmendment(input: {
      visitId: string;
      revision: number;
      dateOfService: string;
      previous: CodingResult;
      decision: ReviewDecision;
    }): Promise<AmendmentReview> {
      const { decision, previous } = input;
      const problems = checkAmendedCodes(
        decision.lines ?? [],
        decision.diagnosisCodes ?? previous.diagnosisCodes,
        {
          feeSchedule: deps.feeSchedule,
          dateOfService: input.dateOfService,
        },
      );
      if (problems.length > 0) return { accepted: false, problems };
      const coding = amendedCoding(deps, previous, decision);
      await storeCodingRun(deps, input.visitId, `${input.visitId}:${input.revision}`, coding);
      return { accepted: true, coding };
    },

    /** Stage 2 (v1 workflow only). */
    async codeVisit(input: { visitId: string; revision: number }): Promise<CodingResult> {
      return (await codeStoredVisit(deps, input.visitId, input.revision)).coding;
    },

    /** v1 workflow only. */
    async recordPathologyResult(input: { visitId: string; pathology: PathologyResult }): Promise<void> {
      await writePathologyResult(deps, input.visitId, input.pathology);
    },

    /** v1 workflow only: staff amendment priced without the coding-rules check. */
    async applyCodeAmendment(input: {
      visitId: string;
      revision: number;
      previous: CodingResult;
      decision: ReviewDecision;
    }): Promise<CodingResult> {
      const diagnosisCount = (input.decision.diagnosisCodes ?? input.previous.diagnosisCodes).length;
      const bad = (input.decision.lines ?? []).find((l) =>
        l.diagnosisPointers.some((p) => p < 1 || p > diagnosisCount),
      );
      if (bad) throw invalidData(`amended line ${bad.code} points at a diagnosis that is not on the claim`);
      const result = amendedCoding(deps, input.previous, input.decision);
      await storeCodingRun(deps, input.visitId, `${input.visitId}:${input.revision}`, result);
      return result;
    },
  };
}
