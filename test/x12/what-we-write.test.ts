import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClaimBatch } from '../../src/claims/types';
import { runX12837 } from '../../src/cli/x12-837-command';
import { parseVisitEvent } from '../../src/intake/receive-visit';
import {
  acknowledgeInterchange,
  parseX12,
  read835,
  toX12Characters,
  truncateX12,
  validateX12,
  write277CA,
  write835,
  write837P,
  write999,
} from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import { claimBatch, envelope } from './fixtures';
import { readFixture } from './helpers';

async function expectPyx12Ok(text: string): Promise<void> {
  const { ok, output } = await validateWithPyx12(text);
  expect(output).not.toContain('Failure');
  expect(ok).toBe(true);
}

/** Nothing outside printable ASCII, no space before a delimiter, one segment per line. */
function expectCleanText(text: string): void {
  expect(text).not.toMatch(/[^\x20-\x7e\n]/);
  // The ISA alone is padded (fixed width); no other element ends in a space.
  const body = text.split('\n').filter((line) => line !== '' && !line.startsWith('ISA'));
  for (const line of body) {
    expect(line).not.toMatch(/ [*~:^]/);
    expect(line.endsWith('~')).toBe(true);
  }
}

/** Names with accents, and addresses and names at the X12 field lengths (ß grows to ss). */
const accented: ClaimBatch = structuredClone(claimBatch);
const first = accented.claims[0]!;
first.subscriber.lastName = 'Muñoz-Pérez Ærøskøbing Straße Gæðingur Þórsdóttir Ñandú Zoë Ç';
first.subscriber.firstName = 'Zoë Anaïs Bénédicte Françoise Éloï';
first.subscriber.address = {
  line1: '1234 Große Straße Über Dem Äußeren Fluß Apartment 77 ß',
  line2: 'Bâtiment Ç, Étage 3',
  city: 'São João del-Rei Größenwahnß',
  state: 'IL',
  postalCode: '62701',
};

describe('what we write', () => {
  it('transliterates to the X12 character set and cuts without a trailing space', () => {
    expect(toX12Characters('Zoë Muñoz-Pérez')).toBe('Zoe Munoz-Perez');
    expect(toX12Characters('line one\r\nline two\tend')).toBe('line one line two end');
    expect(truncateX12('ABC DEF', 4)).toBe('ABC');
  });

  it('an 837P with accented names and fields at their limits passes pyx12 and our validator', async () => {
    const text = write837P(accented, { envelope: { ...envelope, usage: 'P' } });
    expectCleanText(text);
    expect(text).toContain('NM1*IL*1*Munoz-Perez');
    const subscriber = /NM1\*IL\*1\*([^*]*)\*([^*]*)\*/.exec(text)!;
    expect(subscriber[1]!.length).toBeLessThanOrEqual(60);
    expect(subscriber[2]!.length).toBeLessThanOrEqual(35);
    const street = /N3\*(1234[^*~]*)/.exec(text)![1]!;
    expect(street.length).toBeLessThanOrEqual(55);
    expect(validateX12(text).ok).toBe(true);
    await expectPyx12Ok(text);
    // The 999 acknowledging it passes too.
    await expectPyx12Ok(write999(acknowledgeInterchange(parseX12(text).interchanges[0]!), { envelope }));
  });

  it('an 835 and a 277CA with accents and line breaks in names and messages pass pyx12', async () => {
    const advices = read835(readFixture('one-claim-check.835'));
    advices[0]!.payerName = 'Mutuelle Générale de l’Éducation Nationale et des Œuvres Sociales Réunies';
    const era = write835(advices, { envelope, payeeName: 'Dermatologie Sœur Thérèse' });
    expectCleanText(era);
    await expectPyx12Ok(era);
    const ack = write277CA(
      accented,
      [
        {
          patientControlNumber: 'V1001',
          accepted: false,
          categoryCode: 'A7',
          statusCode: '562',
          reasons: ['Rejeté: nom du patient\nillisible — réessayer'],
        },
      ],
      { envelope, source: { kind: 'clearinghouse', name: 'Chambre de Compensation Réunie', id: 'CH999' } },
    );
    expectCleanText(ack);
    await expectPyx12Ok(ack);
  });

  it('intake cleans X12 delimiters from names and addresses with a finding, and the claim is written', async () => {
    const visit = actinicKeratosisVisit('W-1');
    visit.patient.lastName = 'O*Brien~Fischer';
    visit.patient.address.line1 = '12 Oak: Avenue^Rear';
    const parsed = parseVisitEvent(visit);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.visit.patient.lastName).toBe('O Brien Fischer');
    expect(parsed.visit.patient.address.line1).toBe('12 Oak Avenue Rear');
    expect(parsed.findings.map((f) => f.path)).toEqual(['patient.lastName', 'patient.address.line1']);
    // Findings name paths, never the values.
    expect(JSON.stringify(parsed.findings)).not.toContain('Brien');
    const dir = await mkdtemp(path.join(tmpdir(), 'x12-write-'));
    try {
      const file = path.join(dir, 'visit.json');
      await writeFile(file, JSON.stringify(visit));
      let x12 = '';
      const notes: string[] = [];
      const code = await runX12837(file, {
        now: new Date('2026-11-21T10:00:00Z'),
        out: (text) => void (x12 += text),
        err: (text) => void notes.push(text),
      });
      expect(code).toBe(0);
      expect(notes.join('\n')).toContain('patient.lastName: X12 delimiter characters');
      expect(x12).toContain('NM1*IL*1*O Brien Fischer*');
      await expectPyx12Ok(x12);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('intake stops impossible dates and NPIs whose check digit fails', () => {
    const visit = actinicKeratosisVisit('W-2');
    const refused = parseVisitEvent({
      ...visit,
      dateOfService: '2026-02-30',
      patient: { ...visit.patient, dateOfBirth: '1001-01-01' },
      renderingProvider: { ...visit.renderingProvider, npi: '1679576723' },
    });
    expect(refused.ok).toBe(false);
    const paths = refused.ok ? [] : refused.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dateOfService: must be a real calendar date/),
        expect.stringMatching(/^patient\.dateOfBirth: must be a real calendar date/),
        expect.stringMatching(/^renderingProvider\.npi: must be a valid NPI \(check digit/),
      ]),
    );
    expect(parseVisitEvent(visit).ok).toBe(true);
  });
});
