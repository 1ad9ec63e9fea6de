import type { CodingResult } from '../coding/types';
import type { PatientEstimate } from '../eligibility/patient-estimate';
import type { EligibilityResult, VisitEligibility } from '../eligibility/types';
import {
  DEFAULT_POLICY_SETTINGS,
  emptyPolicyFile,
  settingsFor,
  type DecisionPolicyFile,
  type PolicySettings,
} from './policy-config';
import type { DecisionReason, DecisionReasonCode } from './reasons';

export interface DecisionPolicy {
  /** Claims coded with less confidence than this go to staff review (AUTO_SUBMIT_MIN_CONFIDENCE). */
  autoSubmitMinConfidence: number;
  /** config/decision-policy.json, checked at start; absent: the documented defaults. */
  file?: DecisionPolicyFile;
}

interface RouteDetails {
  /** One sentence per reason, in the order of `reasonCodes`. */
  reasons: string[];
  /** Stable codes (src/decision/reasons.ts); absent in histories recorded before they existed. */
  reasonCodes?: DecisionReasonCode[];
  /** What the patient is estimated to owe (src/eligibility/patient-estimate.ts). */
  estimate?: PatientEstimate;
}

export type ClaimRoute =
  /** Clean claim: submit the 837P now. */
  | ({ action: 'submit' } & RouteDetails)
  /** Hold for billing staff, with every reason spelled out. */
  | ({ action: 'review' } & RouteDetails)
  /** Nothing to bill to insurance (self-pay visit, only cosmetic services, no active coverage). */
  | ({ action: 'self_pay' } & RouteDetails);

/** Facts about the claim the policy cannot see in the coding and the 271 (read by the activity). */
export interface DecisionContext {
  practiceId: string;
  payerId: string | null;
  dateOfService: string;
  /** Today (YYYY-MM-DD) for the timely-filing deadline. */
  today: string;
  /** Billed codes that need prior authorization and have none on file. */
  lacksAuthorization?: string[];
  firstClaimForPayer: boolean;
  firstVisitWithCoverage: boolean;
}

const DAY_MS = 86_400_000;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function route(action: ClaimRoute['action'], found: DecisionReason[]): ClaimRoute {
  return { action, reasons: found.map((r) => r.message), reasonCodes: found.map((r) => r.code) };
}

/** Eligibility that keeps the claim from going out by itself, with what a person must do. */
function eligibilityReasons(eligibility: VisitEligibility): DecisionReason[] {
  if (eligibility.status === 'active') return [];
  if (eligibility.status === 'inactive') {
    const why =
      eligibility.selfPayReason ??
      `coverage is inactive${eligibility.coverageEnd ? ` (ended ${eligibility.coverageEnd})` : ''}`;
    return [{ code: 'eligibility_inactive', message: why }];
  }
  if (eligibility.unconfirmed)
    return [
      {
        code: 'eligibility_unconfirmed',
        message: `Coverage could not be confirmed: ${eligibility.errors.map((e) => e.message).join('; ')}.`,
      },
    ];
  const rejections = eligibility.rejections ?? [];
  if (rejections.length === 0)
    return [
      {
        code: 'eligibility_rejected',
        message: `Coverage check failed: ${eligibility.errors.map((e) => `${e.code} ${e.message}`).join('; ')}.`,
      },
    ];
  return rejections.map((r) => ({
    code: r.category === 'payer_not_responding' ? 'eligibility_unconfirmed' : 'eligibility_rejected',
    message: `AAA ${r.code} (${r.message}): ${r.action}`,
  }));
}

function codingReasons(
  coding: CodingResult,
  settings: PolicySettings,
  context: DecisionContext | undefined,
  eligibility: EligibilityResult | null,
): DecisionReason[] {
  const found: DecisionReason[] = [];
  const billed = coding.lines.map((l) => l.code);
  const lacking =
    context?.lacksAuthorization ??
    (eligibility?.priorAuthRequiredFor ?? []).filter((c) => billed.includes(c));
  if (lacking.length > 0)
    found.push({
      code: 'prior_auth_missing',
      message: `Prior authorization is required for ${lacking.join(', ')} and none is on file: the claim is held until a number is recorded.`,
    });
  if (coding.confidence.score < settings.autoSubmitMinConfidence)
    found.push({
      code: 'low_confidence',
      message: `Coding confidence ${coding.confidence.score.toFixed(2)} is below ${settings.autoSubmitMinConfidence.toFixed(2)}.`,
    });
  const total = coding.lines.reduce((s, l) => s + l.chargeCents, 0);
  if (total > settings.reviewAboveCents)
    found.push({
      code: 'over_dollar_threshold',
      message: `The claim totals ${dollars(total)}, above the ${dollars(settings.reviewAboveCents)} review threshold.`,
    });
  const patterns = settings.unlistedCodePatterns.map((p) => new RegExp(p));
  const unlisted = [...new Set(billed.filter((c) => patterns.some((p) => p.test(c))))];
  if (unlisted.length > 0)
    found.push({
      code: 'unlisted_code',
      message: `Unlisted or unusual code ${unlisted.join(', ')}: the payer will want a description and records.`,
    });
  const watched = new Set(settings.watchedModifiers);
  const flagged = coding.lines.filter((l) => l.modifiers.some((m) => watched.has(m)));
  if (settings.watchModifiers && flagged.length > 0)
    found.push({
      code: 'watched_modifier',
      message: `The payer is on the modifier watch list and the claim uses ${[...new Set(flagged.flatMap((l) => l.modifiers.filter((m) => watched.has(m))))].join(', ')} (${flagged.map((l) => l.code).join(', ')}).`,
    });
  if (coding.lines.some((l) => l.chargeCents <= 0))
    found.push({ code: 'line_without_charge', message: 'A claim line has no charge in the fee schedule.' });
  if (coding.lines.some((l) => l.diagnosisPointers.length === 0))
    found.push({ code: 'line_without_diagnosis', message: 'A claim line has no diagnosis pointer.' });
  return found;
}

function historyReasons(settings: PolicySettings, context: DecisionContext | undefined): DecisionReason[] {
  if (!context) return [];
  const found: DecisionReason[] = [];
  if (settings.reviewFirstClaimForPayer && context.firstClaimForPayer)
    found.push({
      code: 'first_claim_for_payer',
      message: `This is the practice's first claim to payer ${context.payerId ?? ''}: check the enrolment and the claim before it goes out.`,
    });
  if (settings.reviewFirstVisitWithCoverage && context.firstVisitWithCoverage)
    found.push({
      code: 'first_visit_with_coverage',
      message: "This is the patient's first visit with this coverage: check the card against the 271.",
    });
  const deadline = Date.parse(`${context.dateOfService}T00:00:00Z`) + settings.timelyFilingDays * DAY_MS;
  const daysLeft = Math.floor((deadline - Date.parse(`${context.today}T00:00:00Z`)) / DAY_MS);
  if (daysLeft <= settings.timelyFilingWarningDays)
    found.push({
      code: 'timely_filing_near',
      message:
        daysLeft < 0
          ? `The timely-filing limit (${settings.timelyFilingDays} days) passed ${-daysLeft} days ago.`
          : `Only ${daysLeft} days remain before the timely-filing limit (${settings.timelyFilingDays} days).`,
    });
  return found;
}

/**
 * The decision policy, pure: auto-submit only when nothing below applies; otherwise review with
 * every reason (a stable code and a sentence). A visit without coverage, or with only self-pay
 * services, or with no active coverage on file (unless the policy says review) goes to the patient.
 * Pathology holds are resolved before this runs.
 */
export function decideClaimRoute(
  coding: CodingResult,
  eligibility: VisitEligibility | null,
  policy: DecisionPolicy,
  context?: DecisionContext,
): ClaimRoute {
  const base = { ...DEFAULT_POLICY_SETTINGS, autoSubmitMinConfidence: policy.autoSubmitMinConfidence };
  const settings = settingsFor(
    policy.file ?? emptyPolicyFile,
    context?.practiceId ?? '',
    context?.payerId ?? null,
    base,
  );
  const codingErrors: DecisionReason[] = coding.findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({ code: 'coding_error', message: `Coding error ${f.ruleId}: ${f.message}` }));
  if (codingErrors.length === 0 && (eligibility === null || coding.lines.length === 0)) {
    return eligibility === null
      ? route('self_pay', [{ code: 'no_coverage', message: 'The visit has no insurance coverage.' }])
      : route('self_pay', [{ code: 'no_billable_services', message: 'No insurance-billable services.' }]);
  }
  if (
    codingErrors.length === 0 &&
    eligibility?.selfPayReason &&
    settings.whenNoActiveCoverage === 'bill_patient'
  )
    return route('self_pay', [{ code: 'no_active_coverage', message: eligibility.selfPayReason }]);
  const found = [
    ...codingErrors,
    ...(eligibility ? eligibilityReasons(eligibility) : []),
    ...codingReasons(coding, settings, context, eligibility),
    ...historyReasons(settings, context),
  ];
  return found.length > 0
    ? route('review', found)
    : route('submit', [
        { code: 'clean_claim', message: 'All edits passed, coverage active, no prior authorization needed.' },
      ]);
}
