/**
 * The procedure families, by procedure kind. Each kind of the visit schema belongs to exactly one
 * family (checked when this module loads and by test/coding/families.test.ts). The list order is
 * the order in which families that code procedures together emit their lines.
 */
import { ProcedureKindSchema, type ProcedureKind } from '../../visit/schema';
import { COMMON_LABELS } from '../codes';
import { HCPCS_DRUGS } from '../drugs';
import { biopsy } from './biopsy';
import { chemodenervation } from './chemodenervation';
import { cosmetic } from './cosmetic';
import { benignDestruction } from './destruction-benign';
import { malignantDestruction } from './destruction-malignant';
import { premalignantDestruction } from './destruction-premalignant';
import { drainage } from './drainage';
import { excision } from './excision';
import type { ProcedureFamily } from './family';
import { intralesionalInjection } from './intralesional-injection';
import { mohs } from './mohs';
import { phototherapy } from './phototherapy';
import { repair } from './repair';
import { shaveRemoval } from './shave-removal';
import { skinTags } from './skin-tags';
import { adjacentTissueTransfer } from './adjacent-tissue-transfer';
import { vascularDestruction } from './destruction-vascular';
import { hidradenitisExcision } from './hidradenitis';
import { nail } from './nail';
import { paring } from './paring';
import { photodynamicTherapy } from './photodynamic-therapy';
import { skinGraft } from './skin-graft';

export const PROCEDURE_FAMILIES: readonly ProcedureFamily[] = [
  biopsy,
  shaveRemoval,
  excision,
  premalignantDestruction,
  benignDestruction,
  skinTags,
  intralesionalInjection,
  malignantDestruction,
  mohs,
  repair,
  drainage,
  phototherapy,
  chemodenervation,
  cosmetic,
  paring,
  adjacentTissueTransfer,
  hidradenitisExcision,
  photodynamicTherapy,
  vascularDestruction,
  nail,
  skinGraft,
];

const BY_KIND = new Map<ProcedureKind, ProcedureFamily>();
for (const family of PROCEDURE_FAMILIES)
  for (const kind of family.kinds) {
    if (BY_KIND.has(kind)) throw new Error(`procedure kind ${kind} belongs to two families`);
    BY_KIND.set(kind, family);
  }
const unclaimed = ProcedureKindSchema.options.filter((k) => !BY_KIND.has(k));
if (unclaimed.length > 0) throw new Error(`procedure kinds without a family: ${unclaimed.join(', ')}`);

export function familyOf(kind: ProcedureKind): ProcedureFamily {
  return BY_KIND.get(kind)!;
}

/** The family of a kind that may not be in the vocabulary (documents that bypassed the schema). */
export function findFamily(kind: string): ProcedureFamily | undefined {
  return BY_KIND.get(kind as ProcedureKind);
}

/** The families that code procedures together, in emission order. */
export const COMPLETING_FAMILIES = PROCEDURE_FAMILIES.filter((f) => f.complete !== undefined);

const DRUG_LABELS = [...HCPCS_DRUGS.values()].map((d) => [new RegExp(`^${d.hcpcs}$`), d.label] as const);
const LABELS = [...PROCEDURE_FAMILIES.flatMap((f) => f.labels), ...DRUG_LABELS, ...COMMON_LABELS];
const labelCache = new Map<string, string>();

/** Our own short label for a code (never AMA descriptor text). */
export function labelFor(code: string): string {
  let label = labelCache.get(code);
  if (label === undefined) {
    label = LABELS.find(([re]) => re.test(code))?.[1] ?? 'Service';
    if (labelCache.size < 10_000) labelCache.set(code, label);
  }
  return label;
}
