import type { Hl7Message } from '@medplum/core';
import { normaliseIcd } from '../../coding/tables';
import { pathologyBehaviour } from '../code-maps';
import type { EhrPathologyReport } from '../intake';
import { fail } from '../mapping';
import { label, required, value } from './segments';

/**
 * ORU^R01 with a final pathology result: PV1-19 the visit, OBR-2 (the placer order the EHR made for
 * the specimen) the lesion id, OBR-25 F or C, and the diagnosis as an ICD-10-CM coded OBX (CWE/CE).
 */
export function mapPathologyMessage(message: Hl7Message, messageId: string): EhrPathologyReport {
  const pv1 = message.getSegment('PV1');
  const obr = message.getSegment('OBR');
  if (!obr) fail('OBR', 'OBR', 'the message has no OBR segment');
  const status = value(obr, 25);
  if (status !== 'F' && status !== 'C')
    fail('OBR', 'OBR-25', `result status "${status}": only final (F) or corrected (C)`);
  const coded = message
    .getAllSegments('OBX')
    .find(
      (obx) => ['CWE', 'CE'].includes(value(obx, 2)) && ['I10', 'I10C', 'ICD10CM'].includes(value(obx, 5, 3)),
    );
  if (!coded) fail('OBX', 'OBX-5', 'needs the final diagnosis as an ICD-10-CM coded value (CWE, I10)');
  const code = normaliseIcd(value(coded, 5, 1));
  const result = pathologyBehaviour(code);
  if (!result)
    fail(
      label(message, coded),
      'OBX-5',
      `${code} is not a diagnosis dermclaims reads as benign, premalignant, uncertain or malignant`,
    );
  return {
    messageId,
    visitId: required(message, pv1, 'PV1', 19),
    lesionId: required(message, obr, 'OBR', 2),
    result,
    diagnosisCode: code,
  };
}
