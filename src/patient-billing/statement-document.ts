import { dollars } from '../web/format';
import type { StatementKind } from './cycle-timers';
import type { StatementSnapshot } from './statement-snapshot';

/** The statement as people read it, the same words in the HTML and the PDF. */
export interface StatementDocument {
  title: string;
  notice: string;
  practice: { name: string; addressLines: string[]; phone: string };
  patient: { name: string; addressLines: string[] };
  facts: Array<[label: string, value: string]>;
  services: Array<{ code: string; description: string; charge: string }>;
  summary: Array<[label: string, value: string]>;
  amountDue: string;
  payBy: string;
  howToPay: string[];
}

const TITLES: Record<StatementKind, string> = {
  initial: 'Patient statement',
  reminder: 'Payment reminder',
  final: 'Final notice',
};

function notice(kind: StatementKind, payByDate: string): string {
  switch (kind) {
    case 'initial':
      return `Your insurance has processed this visit. Please pay the amount due by ${payByDate}.`;
    case 'reminder':
      return `We have not yet received payment for this visit. Please pay the amount due by ${payByDate}.`;
    case 'final':
      return `This is the final notice for this visit. Please pay by ${payByDate} or call us to arrange a payment plan.`;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** (217) 555-0100 from 2175550100. */
export const phoneText = (digits: string) =>
  /^\d{10}$/.test(digits) ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits;

export function statementDocument(s: StatementSnapshot): StatementDocument {
  return {
    title: TITLES[s.kind],
    notice: notice(s.kind, s.payByDate),
    practice: { ...s.practice, phone: phoneText(s.practice.phone) },
    patient: s.patient,
    facts: [
      ['Statement', s.statementId],
      ['Statement date', s.issuedOn],
      ['Date of service', s.visit.dateOfService],
      ['Provider', s.visit.provider],
    ],
    services: s.services.map((l) => ({
      code: l.code,
      description: l.selfPay ? `${l.description} (self-pay)` : l.description,
      charge: dollars(l.chargeCents),
    })),
    summary: [
      ['Total charges', dollars(s.totalChargesCents)],
      ['Insurance paid', dollars(-s.insurancePaidCents)],
      ['Insurance adjustments', dollars(-s.insuranceAdjustedCents)],
      ['Your payments', dollars(-s.patientPaidCents)],
    ],
    amountDue: dollars(s.amountDueCents),
    payBy: s.payByDate,
    howToPay: [
      `Online: ${s.howToPay.portalUrl}`,
      `By phone: ${phoneText(s.howToPay.phone)}`,
      `By mail (check payable to ${s.practice.name}): ${s.howToPay.mailTo.join(', ')}`,
    ],
  };
}
