import type { DiagnosticReport, Specimen } from '@medplum/fhirtypes';
import { normaliseIcd } from '../../coding/tables';
import { pathologyBehaviour, SYSTEMS } from '../code-maps';
import type { EhrPathologyReport } from '../intake';
import { fail, referenceKey } from '../mapping';
import type { ResourceSource } from './resource-source';

/** R4's link from a CodeableConcept body site to the BodyStructure (the lesion). */
const BODY_STRUCTURE = 'http://hl7.org/fhir/StructureDefinition/bodySite';

/**
 * A final pathology DiagnosticReport: the visit (its Encounter), the lesion (the BodyStructure its
 * Specimen was taken from) and the diagnosis (conclusionCode, ICD-10-CM), whose behaviour comes
 * from the coding engine's ICD-10-CM table.
 */
export async function mapDiagnosticReport(
  report: DiagnosticReport,
  source: ResourceSource,
  messageId: string,
): Promise<EhrPathologyReport> {
  const where = `DiagnosticReport/${report.id ?? ''}`;
  if (!['final', 'amended', 'corrected'].includes(report.status))
    fail(where, 'status', `is "${report.status}"; only final reports release a held claim`);
  const encounter = referenceKey(report.encounter?.reference);
  if (!encounter?.startsWith('Encounter/')) fail(where, 'encounter', 'must reference the visit’s Encounter');
  const specimenRef = report.specimen?.[0]?.reference;
  if (!specimenRef) fail(where, 'specimen', 'must reference the Specimen taken from the lesion');
  const specimen = await source.read<Specimen>(specimenRef, { resource: where, field: 'specimen[0]' });
  const structure = specimen.collection?.bodySite?.extension?.find((e) => e.url === BODY_STRUCTURE)
    ?.valueReference?.reference;
  const lesion = referenceKey(structure);
  if (!lesion?.startsWith('BodyStructure/'))
    fail(
      `Specimen/${specimen.id ?? ''}`,
      'collection.bodySite',
      `needs the ${BODY_STRUCTURE} extension naming the lesion`,
    );
  const code = (report.conclusionCode ?? [])
    .flatMap((c) => c.coding ?? [])
    .find((c) => c.system === SYSTEMS.icd10cm && c.code)?.code;
  if (!code) fail(where, 'conclusionCode', `needs an ICD-10-CM coding (${SYSTEMS.icd10cm})`);
  const result = pathologyBehaviour(code);
  if (!result)
    fail(
      where,
      'conclusionCode',
      `${code} is not a diagnosis dermclaims reads as benign, premalignant, uncertain or malignant`,
    );
  return {
    messageId,
    visitId: encounter.slice('Encounter/'.length),
    lesionId: lesion.slice('BodyStructure/'.length),
    result,
    diagnosisCode: normaliseIcd(code),
  };
}
