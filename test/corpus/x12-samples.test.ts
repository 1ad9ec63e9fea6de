import type { TransactionKind } from '../../src/x12';
import {
  detectTransaction,
  parseX12,
  read271,
  read277,
  read835WithProblems,
  read837P,
  readX12Document,
  transactionsOf,
  validateX12,
} from '../../src/x12';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The optional corpus: a folder of public X12 sample files (not part of the repository), named by
 * X12_SAMPLES_DIR. jest.config.js runs this suite only when that variable is set, and says so when
 * it is not; the main suites use only the project's fixtures under test/fixtures.
 */
const SAMPLES_DIR = process.env.X12_SAMPLES_DIR ?? '';
if (!SAMPLES_DIR || !existsSync(SAMPLES_DIR)) {
  throw new Error(
    `X12_SAMPLES_DIR must name a folder of X12 sample files (got ${JSON.stringify(SAMPLES_DIR)})`,
  );
}
const X12_EXTENSIONS = ['.835', '.837', '.270', '.271', '.276', '.277'];

function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => X12_EXTENSIONS.includes(path.extname(file)))
    .sort();
}

function readSample(relative: string): string {
  return readFileSync(path.join(SAMPLES_DIR, relative), 'utf8');
}

const files = sampleFiles();

const EXPECTED_KIND: Record<string, TransactionKind> = {
  '.835': '835',
  '.837': '837P',
  '.270': '270',
  '.271': '271',
  '.276': '276',
  '.277': '277',
};

describe('shared X12 samples', () => {
  it('finds the sample files in X12_SAMPLES_DIR', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s parses, is detected and read into billing objects', (file) => {
    const text = readSample(file);
    const document = parseX12(text);
    expect(transactionsOf(document).length).toBeGreaterThan(0);
    const kind = detectTransaction(text);
    expect(kind).toBe(EXPECTED_KIND[file.slice(file.lastIndexOf('.'))]);
    expect(readX12Document(text).kind).toBe(kind);
  });

  it('validates every sample except repeated control numbers and the 837P examples with made-up NPIs', () => {
    const failing = files.filter((file) => !validateX12(readSample(file)).ok);
    const report = validateX12(readSample('835/x12parser-profee-multiple.835'));
    expect(report.errors[0]?.message).toMatch(
      /segment #\d+ ISA element ISA13: duplicate interchange control number/,
    );
    // The guides' example 837Ps carry placeholder NPIs (9876543210…) whose check digit fails: the
    // only error such a file may have is that one.
    const others = failing.filter((file) => file !== '835/x12parser-profee-multiple.835');
    expect(others.length).toBeGreaterThan(0);
    for (const file of others) {
      expect(file).toMatch(/^837p\//);
      const messages = validateX12(readSample(file)).errors.map((error) => error.message);
      expect(messages.filter((m) => !m.includes('not a valid NPI (check digit)'))).toEqual([]);
    }
  });
});

/** [file, payments, BPR02 of the first payment, claims, Σ CLP04, Σ CLP03, Σ PLB] — read off the files by hand. */
const REMITTANCES: Array<[string, number, number, number, number, number, number]> = [
  ['835/dollars-and-data-sent-separate.835', 1, 94500, 2, 94500, 200000, 0],
  ['835/dollars-and-data-sent-together.835', 1, 15000000, 2, 14999873, 22636697, -127],
  ['835/era-sample.835', 1, 13200, 1, 13200, 22600, 0],
  ['835/multiple-claims-single-check.835', 1, 81080, 9, 81080, 281900, 0],
  ['835/secondary-payment-with-higher-fee-schedule.835', 1, 3400, 1, 3400, 54100, 0],
  ['835/secondary-payments.835', 1, 122200, 2, 122200, 1107514, 0],
  ['835/tertiary-payments.835', 1, 18750, 1, 18750, 176650, 0],
  ['835/x12parser-multi-line-not-delimited.835', 1, 4575, 3, 4575, 10250, 0],
  ['835/x12parser-profee-one-line.835', 1, 4575, 3, 4575, 10250, 0],
  ['835/x12parser-profee.835', 1, 4575, 3, 4575, 10250, 0],
  ['835/x12parser-profee-multiple.835', 156, 4575, 3, 4575, 10250, 0],
];

describe('835 samples balance to the cent', () => {
  it.each(REMITTANCES)('%s', (file, payments, payment, claims, paid, charged, plb) => {
    const { remittances, problems } = read835WithProblems(readSample(file));
    expect(problems).toEqual([]);
    expect(remittances).toHaveLength(payments);
    const first = remittances[0]!;
    expect(first.paymentCents).toBe(payment);
    expect(first.claims).toHaveLength(claims);
    expect(first.claims.reduce((t, c) => t + c.paidCents, 0)).toBe(paid);
    expect(first.claims.reduce((t, c) => t + c.chargeCents, 0)).toBe(charged);
    expect(first.providerAdjustments.reduce((t, a) => t + a.amountCents, 0)).toBe(plb);
  });

  it('reads claim details: status, CAS triples with quantity, REF-less lines, remark codes', () => {
    const [secondary] = read835WithProblems(readSample('835/secondary-payments.835')).remittances;
    const claim = secondary!.claims[1]!;
    expect(claim).toMatchObject({
      patientControlNumber: '0001000053',
      statusCode: '2',
      chargeCents: 75150,
      paidCents: 31000,
      patientResponsibilityCents: 22000,
      payerClaimNumber: '50630626430',
    });
    expect(claim.lines[1]).toMatchObject({
      procedureCode: '66543',
      modifiers: ['26'],
      chargeCents: 58500,
      paidCents: 28000,
      units: 1,
      adjustments: [
        { group: 'PR', reasonCode: '1', amountCents: 15000 },
        { group: 'PR', reasonCode: '2', amountCents: 7000 },
        { group: 'CO', reasonCode: '42', amountCents: 8500 },
      ],
    });
    const [profee] = read835WithProblems(readSample('835/x12parser-profee.835')).remittances;
    expect(profee!.claims[2]!.lines[2]!.remarkCodes).toEqual(['N206']);
    expect(profee!.payeeNpi).toBe('9999999995');
    const [together] = read835WithProblems(readSample('835/dollars-and-data-sent-together.835')).remittances;
    expect(together!.claims[1]!.remarkCodes).toEqual(['MA02']);
    expect(together!.providerAdjustments).toEqual([{ reasonCode: 'CV', reference: 'CP', amountCents: -127 }]);
    expect(together!.payerId).toBe('999');
  });
});

describe('other samples', () => {
  it('reads 271 benefits and AAA rejections', () => {
    const [active] = read271(
      readSample('270-271/response-to-generic-request-by-clinic-for-patient-subscriber-eligibility.271'),
    );
    expect(active).toMatchObject({
      status: 'active',
      planName: 'GOLD 123 PLAN',
      coverageStart: '2006-01-01',
      copayCents: 1000,
      errors: [],
    });
    const [rejected] = read271(
      readSample('270-271/error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.271'),
    );
    expect(rejected).toEqual({
      status: 'error',
      priorAuthRequiredFor: [],
      errors: [{ code: '50', message: 'Provider ineligible for inquiries' }],
    });
  });

  it('reads 277 statuses per claim and per line', () => {
    const reports = read277(readSample('276-277/claim-response.277'));
    expect(reports.map((r) => [r.patientControlNumber, r.categoryCode, r.statusCode])).toEqual([
      ['ABCXYZ1', 'P3', '317'],
      ['ABCXYZ2', 'F0', '3'],
      ['ABCXYC3', 'F2', '88'],
    ]);
    expect(reports[1]).toMatchObject({
      chargeCents: 759900,
      paidCents: 759900,
      payerClaimNumber: '0529675341',
    });
    expect(reports[2]!.lines).toEqual([
      {
        procedureCode: '99203',
        modifiers: [],
        chargeCents: 15000,
        paidCents: 0,
        categoryCode: 'F2',
        statusCode: '88',
      },
    ]);
  });

  it('reads 837P samples into claim batches', () => {
    const [batch] = read837P(readSample('837p/commercial-health-insurance.837'));
    expect(batch!.billingProvider.npi).toBe('9876543210');
    const claim = batch!.claims[0]!;
    expect(claim.totalChargeCents).toBe(10000);
    expect(claim.lines.map((l) => l.code)).toEqual(['99213', '87070', '99214', '86663']);
    expect(claim.lines.reduce((t, l) => t + l.chargeCents, 0)).toBe(claim.totalChargeCents);
    expect(claim.patient?.relationship).toBe('child');
  });
});
