import { readFile } from 'node:fs/promises';
import { buildProfessionalClaim, patientControlNumber } from '../claims/build-claim';
import { controlNumberForKey } from '../clearinghouse/x12-clearinghouse';
import { buildCodingOptions, codeVisit, CodingValidationError } from '../coding';
import { parseVisitEvent } from '../intake/receive-visit';
import { demoPracticeProfile, type PracticeProfile } from '../practice/practice-profile';
import { write837P } from '../x12';

export interface X12837Options {
  /** Interchange date and time (default now). */
  now?: Date;
  practice?: PracticeProfile;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** Exit codes: 0 printed; 2 invalid or uncodable document; 3 no 837P for this visit (hold, self-pay). */
export const EXIT_INVALID = 2;
export const EXIT_NO_CLAIM = 3;

/**
 * `dermclaims x12 837 VISIT.json`: the 837P the engine would submit for a visit document, first
 * attempt, with the practice's envelope, the same way the claim activities and the X12 clearinghouse
 * adapter build it. Nothing is stored or submitted. Messages name visit and lesion ids, never patient data.
 */
export async function runX12837(file: string, options: X12837Options = {}): Promise<number> {
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const err = options.err ?? ((text: string) => console.error(text));
  const practice = options.practice ?? demoPracticeProfile;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_INVALID;
  }
  const parsed = parseVisitEvent(raw);
  if (!parsed.ok) {
    err(`${file}: not a valid visit-completed event:`);
    for (const problem of parsed.problems) err(`  ${problem.path}: ${problem.message}`);
    return EXIT_INVALID;
  }
  const visit = parsed.visit;
  for (const finding of parsed.findings) err(`note: ${finding.path}: ${finding.message}`);
  let coding;
  try {
    coding = codeVisit(visit, buildCodingOptions());
  } catch (error) {
    if (error instanceof CodingValidationError) {
      err(`${file}: the documentation cannot be coded:`);
      for (const issue of error.issues) err(`  ${issue.path}: ${issue.message}`);
      return EXIT_INVALID;
    }
    throw error;
  }
  if (coding.pathologyHold) {
    err(
      `${file}: visit ${visit.visitId} is on a pathology hold (lesions ${coding.pathologyHold.lesionIds.join(', ')}): ` +
        `${coding.pathologyHold.reason.replace(/\.+$/, '')}. No claim is built until the final report arrives ` +
        '(POST /v1/visits/:visitId/pathology-results, or set lesions[].pathology to final).',
    );
    return EXIT_NO_CLAIM;
  }
  if (!visit.coverage) {
    err(`${file}: visit ${visit.visitId} has no insurance coverage (self-pay): nothing goes on an 837P.`);
    return EXIT_NO_CLAIM;
  }
  if (coding.lines.length === 0) {
    const selfPay = coding.selfPayLines.map((l) => l.code).join(', ');
    err(
      `${file}: visit ${visit.visitId} has no insurance-billable services` +
        `${selfPay ? ` (self-pay: ${selfPay})` : ''}: nothing goes on an 837P.`,
    );
    return EXIT_NO_CLAIM;
  }
  for (const finding of coding.findings.filter((f) => f.severity === 'error'))
    err(
      `warning: coding error ${finding.ruleId}: ${finding.message} (the workflow would hold this claim for review)`,
    );
  if (coding.selfPayLines.length > 0)
    err(`note: billed to the patient, not on the 837P: ${coding.selfPayLines.map((l) => l.code).join(', ')}`);

  // A preview is not a stored visit: it has no billing number yet, so CLM01 shows number 0.
  const pcn = patientControlNumber(0, 1);
  const claim = buildProfessionalClaim(visit, coding, pcn);
  // The same interchange control number the X12 clearinghouse adapter derives from the claim id.
  const controlNumber = controlNumberForKey(`clm_${pcn}`);
  const x12 = write837P(
    {
      billingProvider: practice.billingProvider,
      submitter: practice.submitter,
      receiver: practice.receiver,
      claims: [claim],
    },
    {
      envelope: {
        senderId: practice.submitter.id,
        receiverId: practice.receiver.id,
        interchangeControlNumber: controlNumber,
        groupControlNumber: controlNumber,
        createdAt: options.now ?? new Date(),
        usage: 'T',
      },
    },
  );
  out(x12.endsWith('\n') ? x12 : `${x12}\n`);
  return 0;
}
