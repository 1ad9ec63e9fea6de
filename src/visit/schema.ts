import { z } from 'zod';
import { npiSchema } from './npi';
import { calendarDate, count, measure, safeText } from './primitives';

/**
 * The visit-completed event an EHR sends to dermclaims (schema version 1).
 * Published as JSON Schema in docs/visit-completed.schema.json (generated from this file).
 * Identifiers are opaque: visitId becomes the Temporal workflow ID, so it must never carry PHI.
 */

export const OpaqueIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
const opaqueId = OpaqueIdSchema;
const isoDate = calendarDate();
const npi = npiSchema();
/** Code formats shared by every document that carries billing codes. */
export const Icd10CodeSchema = z
  .string()
  .regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'must be an ICD-10-CM code');
export const ProcedureCodeSchema = z
  .string()
  .regex(/^([0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})$/, 'must be a CPT or HCPCS code');
export const ModifierSchema = z.string().regex(/^[0-9A-Z]{2}$/, 'must be a 2-character modifier');
const usState = z.string().regex(/^[A-Z]{2}$/, 'must be a 2-letter state code');

export const AddressSchema = z.object({
  line1: safeText(55, { minLength: 1 }),
  line2: safeText(55).optional(),
  city: safeText(30, { minLength: 1 }),
  state: usState,
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/, 'must be a 5 or 9 digit ZIP code'),
});

export const PersonSchema = z.object({
  firstName: safeText(35, { minLength: 1 }),
  lastName: safeText(60, { minLength: 1 }),
  dateOfBirth: isoDate,
  sex: z.enum(['F', 'M', 'U']),
  address: AddressSchema,
});

export const PatientSchema = PersonSchema.extend({
  /** The EHR's patient identifier (account number); stays inside dermclaims' database. */
  id: opaqueId,
});

export const PayerTypeSchema = z.enum(['medicare', 'medicare_advantage', 'commercial', 'medicaid']);

export const CoverageSchema = z.object({
  payerId: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be 2-10 upper-case letters or digits'),
  payerName: safeText(60, { minLength: 1 }),
  payerType: PayerTypeSchema,
  memberId: z.string().regex(/^[A-Za-z0-9-]{2,30}$/, 'must be 2-30 letters, digits or "-"'),
  groupNumber: safeText(30).optional(),
  relationship: z.enum(['self', 'spouse', 'child', 'other']).default('self'),
  /** Required when the patient is not the subscriber. */
  subscriber: PersonSchema.optional(),
});

export const PriorAuthorizationSchema = z.object({
  number: z.string().regex(/^[A-Za-z0-9-]{1,50}$/, 'must be 1-50 letters, digits or "-"'),
  procedureCodes: z.array(ProcedureCodeSchema).max(20).default([]),
});

export const ProviderSchema = z.object({
  npi,
  firstName: safeText(35, { minLength: 1 }),
  lastName: safeText(60, { minLength: 1 }),
  taxonomy: z
    .string()
    .regex(/^[0-9A-Z]{9}X$/, 'must be a 10-character taxonomy code')
    .default('207N00000X'),
});

/** Sites added by schema version 2 ("lip_vermilion" is the red lip; "lip" is the skin of the lip). */
const VERSION_2_REGIONS = [
  'axilla',
  'shoulder',
  'buttock',
  'groin',
  'perianal',
  'lip_vermilion',
  'nail_unit',
] as const;

export const AnatomicRegionSchema = z.enum([
  // CPT lesion-removal site group "trunk, arms, legs"
  'trunk',
  'chest',
  'back',
  'abdomen',
  'arm',
  'forearm',
  'leg',
  'thigh',
  // group "scalp, neck, hands, feet, genitalia"
  'scalp',
  'neck',
  'hand',
  'finger',
  'foot',
  'toe',
  'genitalia',
  // group "face, ears, eyelids, nose, lips, mucous membrane"
  'face',
  'forehead',
  'cheek',
  'chin',
  'ear',
  'eyelid',
  'nose',
  'lip',
  'mucous_membrane',
  ...VERSION_2_REGIONS,
]);

export const LengthSchema = z.object({
  value: measure(1000, { allowZero: true }),
  unit: z.enum(['mm', 'cm']),
});

export const PathologySchema = z.object({
  status: z.enum(['pending', 'final']),
  /** Behaviour per the final report; "atypia" and "uncertain" code as benign. */
  result: z.enum(['benign', 'premalignant', 'malignant', 'atypia', 'uncertain']).optional(),
  diagnosisCode: Icd10CodeSchema.optional(),
});

/**
 * Medical-necessity facts for removing a benign lesion, per lesion (schema version 2). "irritation"
 * is irritation found on examination (a patient-reported irritation alone is the procedure-level
 * "irritation_reported") [aapc-forum, bcbsms, cms-l35498].
 */
export const LesionNecessitySchema = z.enum([
  'bleeding',
  'irritation',
  'inflammation',
  'pain',
  'itching',
  'change',
  'trauma',
  'obstruction',
  'infection',
  'suspicious_for_malignancy',
  'functional_impairment',
]);
export type LesionNecessity = z.infer<typeof LesionNecessitySchema>;

export const LesionSchema = z.object({
  id: opaqueId,
  site: z.object({
    region: AnatomicRegionSchema,
    laterality: z.enum(['left', 'right', 'bilateral', 'midline']).optional(),
  }),
  diameter: LengthSchema.extend({ value: measure(1000) }).optional(),
  narrowestMargin: LengthSchema.optional(),
  specimenToPathology: z.boolean().default(false),
  pathology: PathologySchema.optional(),
  // ---- schema version 2 ----
  /** Eyelid: the lesion involves the lid margin (an incisional biopsy of it is 67810). */
  lidMargin: z.boolean().optional(),
  /**
   * Documented findings that make removing this (benign) lesion medically necessary; judged per
   * lesion, so one lesion of a procedure can be covered while another is cosmetic.
   */
  medicalNecessity: z.array(LesionNecessitySchema).max(12).optional(),
  /** The patient wants this lesion removed for appearance only (self-pay, whatever else applies). */
  cosmetic: z.boolean().optional(),
});

/**
 * Procedure kinds added by schema version 2: paring of hyperkeratotic lesions; simple repair; "repair"
 * whose type the repairDetails decide; adjacent tissue transfer (flap, includes the excision).
 */
const VERSION_2_KINDS = [
  'paring',
  'repair_simple',
  'repair',
  'adjacent_tissue_transfer',
  'hidradenitis_excision',
  'photodynamic_therapy',
  'destruction_vascular',
  'nail_procedure',
  'skin_graft',
] as const;

export const ProcedureKindSchema = z.enum([
  'biopsy_tangential',
  'biopsy_punch',
  'biopsy_incisional',
  'shave_removal',
  'excision_benign',
  'excision_malignant',
  /** Excision whose behaviour is decided by the pathology report. */
  'excision',
  'destruction_premalignant',
  'destruction_benign',
  'destruction_malignant',
  'skin_tag_removal',
  'mohs',
  'intralesional_injection',
  'incision_drainage_simple',
  'incision_drainage_complicated',
  'acne_surgery',
  'phototherapy',
  'repair_intermediate',
  'repair_complex',
  'cosmetic_toxin',
  'cosmetic_filler',
  'cosmetic_peel',
  'cosmetic_laser',
  'medical_toxin',
  ...VERSION_2_KINDS,
]);

/** NDC unit of measure (837P CTP05-1): F2 international unit, GR gram, ME milligram, ML millilitre, UN unit. */
export const NdcUnitSchema = z.enum(['F2', 'GR', 'ME', 'ML', 'UN']);
export type NdcUnit = z.infer<typeof NdcUnitSchema>;

/** A drug amount in the unit its HCPCS code is measured in (mg, units of toxin, ml). */
export const DrugAmountSchema = z.object({
  value: measure(100000),
  unit: z.enum(['mg', 'units', 'ml']),
});

export const DrugSchema = z.object({
  hcpcs: z.string().regex(/^[A-Z]\d{4}$/, 'must be a HCPCS Level II code such as J3301'),
  /** Billing units; version 2 may give the dose instead (units = dose ÷ the HCPCS unit size, rounded up). */
  units: count(999).optional(),
  // ---- schema version 2 ----
  /** The dose administered. */
  dose: DrugAmountSchema.optional(),
  /** Amount discarded from a single-dose container (0 = none: JZ); billed on its own JW line. */
  wasted: DrugAmountSchema.extend({ value: measure(100000, { allowZero: true }) }).optional(),
  /** National Drug Code of the product, with the quantity administered (837P loop 2410 LIN/CTP). */
  ndc: z
    .object({
      /** 11 digits in 5-4-2 form ("00000-0000-00" or plain), or a 10-digit 4-4-2, 5-3-2 or 5-4-1 form. */
      code: z
        .string()
        .regex(
          /^(\d{11}|\d{5}-\d{4}-\d{2}|\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d)$/,
          'must be an NDC',
        ),
      quantity: measure(99999),
      unit: NdcUnitSchema,
    })
    .optional(),
});

export const ProcedureSchema = z.object({
  id: opaqueId,
  kind: ProcedureKindSchema,
  lesionIds: z.array(opaqueId).max(50).default([]),
  /** Lesion count when lesions are not itemised (destructions, injections). */
  lesionCount: count(100).optional(),
  /** Mohs: stages, and tissue blocks per stage. */
  mohsStages: z
    .array(z.object({ blocks: count(30) }))
    .max(10)
    .optional(),
  phototherapyType: z.enum(['uvb', 'goeckerman', 'puva', 'excimer']).optional(),
  excimerAreaSqCm: measure(10000).optional(),
  repairLength: LengthSchema.optional(),
  drugs: z.array(DrugSchema).max(10).default([]),
  cosmetic: z.boolean().default(false),
  /**
   * Coding extensions (all optional). Documented findings that establish medical necessity for
   * removing a benign lesion; "irritation_reported" (patient-reported only) does not suffice alone.
   */
  symptoms: z
    .array(
      z.enum([
        'bleeding',
        'inflammation',
        'pain',
        'itching',
        'suspicious_for_malignancy',
        'functional_impairment',
        'irritation_reported',
      ]),
    )
    .optional(),
  /** Mohs: the tumour involves muscle, cartilage, bone, tendon, major nerves or vessels (17311 series). */
  mohsDeepStructures: z.boolean().optional(),
  /** Biopsy: a diagnostic frozen section was read and led to same-day Mohs surgery. */
  frozenSection: z.boolean().optional(),
  /** Medical toxin: chemodenervation target (64650 both axillae, 64612 facial-nerve muscles). */
  toxinTarget: z.enum(['axillae', 'facial_nerve_muscles']).optional(),
  /** Cosmetic filler: volume injected, in millilitres. */
  fillerVolumeMl: measure(100).optional(),
  /** Cosmetic peel depth. */
  peelDepth: z.enum(['epidermal', 'dermal']).optional(),
  /**
   * Medicare: the patient asks that a service the engine reads as excluded (e.g. cosmetic-reading
   * diagnosis) be sent to Medicare for a denial; it is billed with GY instead of self-pay.
   */
  payerDenialRequested: z.boolean().optional(),
  // ---- schema version 2 ----
  /** Repair: what was done, which decides simple vs intermediate vs complex (kind "repair"). */
  repairDetails: z
    .object({
      /** Layered closure of deeper (subcutaneous, non-muscle fascia) tissue. */
      layered: z.boolean().optional(),
      /** Undermining of at least the maximum width of the defect along one entire edge. */
      extensiveUndermining: z.boolean().optional(),
      /** Debridement of wound edges. */
      debridement: z.boolean().optional(),
      /** Involvement of the free margin of the helical rim, vermilion border or nostril rim. */
      freeMarginInvolvement: z.boolean().optional(),
      /** Exposure of bone, cartilage, tendon or a named neurovascular structure. */
      exposedStructures: z.boolean().optional(),
      retentionSutures: z.boolean().optional(),
    })
    .optional(),
  /** Adjacent tissue transfer: primary plus secondary defect area, in square centimetres. */
  defectAreaSqCm: z.number().positive().optional(),
  /** Vascular lesion destruction: treated area, in square centimetres. */
  treatedAreaSqCm: z.number().positive().optional(),
  /** Hidradenitis excision: the closure (simple/intermediate repair vs complex repair). */
  hidradenitisRepair: z.enum(['simple_or_intermediate', 'complex']).optional(),
  /** Photodynamic therapy: who applied the photosensitiser; debridement of hyperkeratotic lesions. */
  photodynamicApplication: z.enum(['staff', 'physician', 'physician_with_debridement']).optional(),
  /** Nail procedure performed, and on how many nails. */
  nailProcedure: z
    .enum([
      'debridement',
      'avulsion',
      'hematoma_evacuation',
      'excision',
      'biopsy',
      'nail_bed_repair',
      'reconstruction',
      'wedge_excision',
    ])
    .optional(),
  nailCount: z.number().int().positive().optional(),
  /** Skin graft: thickness, grafted (recipient) area, donor site, recipient-site preparation. */
  graft: z
    .object({
      thickness: z.enum(['split', 'full']),
      /** Recipient area covered by the graft, in square centimetres. */
      areaSqCm: measure(10000),
      donorSite: z.object({ region: AnatomicRegionSchema }).optional(),
      /** Surgical preparation of the recipient site (15002–15005): area prepared, sq cm. */
      recipientSitePreparationSqCm: measure(10000).optional(),
    })
    .optional(),
  /** Repair: the graft procedure whose donor site this repair closes (no lesion is repaired). */
  graftDonorSiteOf: opaqueId.optional(),
  /**
   * Encounter of the day the procedure belongs to (1 = the first). A later encounter is a separate
   * encounter for NCCI pairs (XE or 59 as the payer policy says).
   */
  encounterNumber: count(9).optional(),
  /** NPI of the practitioner who performed it, when not the rendering provider (XP or 59; 77). */
  performedByNpi: npi.optional(),
  /** The id of an earlier procedure in this document that this one repeats the same day (76/77). */
  repeatOf: opaqueId.optional(),
  /** Relation to the prior surgery of encounter.priorSurgery, when in its global period (58/78/79). */
  priorSurgeryRelation: z.enum(['staged', 'return_to_or', 'unrelated']).optional(),
  /**
   * Advance Beneficiary Notice for this service (Medicare): "on_file" → GA when a necessity denial
   * is expected; "voluntary" → GX on a statutorily excluded service; "not_issued" → GZ. Overrides
   * encounter.abnOnFile for this service.
   */
  abn: z.enum(['on_file', 'voluntary', 'not_issued']).optional(),
});

export const DiagnosisSchema = z.object({
  code: Icd10CodeSchema,
  lesionIds: z.array(opaqueId).max(50).default([]),
  procedureIds: z.array(opaqueId).max(50).default([]),
});

export const ProviderCodeSchema = z.object({
  code: ProcedureCodeSchema,
  modifiers: z.array(ModifierSchema).max(4).default([]),
  units: count(999).default(1),
  diagnosisCodes: z.array(Icd10CodeSchema).max(4).default([]),
});

export const EncounterSchema = z.object({
  visitType: z.enum(['new', 'established']),
  /** E/M level 1-5; omitted when no E/M service was performed. */
  emLevel: z.number().int().min(1).max(5).optional(),
  emSeparatelyIdentifiable: z.boolean().default(false),
  abnOnFile: z.boolean().default(false),
  /**
   * Schema version 2: the patient's most recent surgery by this practice, for global periods. The
   * E/M today is unrelated to it (24) or postoperative care inside its global package.
   */
  priorSurgery: z
    .object({
      dateOfService: isoDate,
      code: ProcedureCodeSchema,
      emUnrelated: z.boolean().default(false),
    })
    .optional(),
  placeOfService: z
    .string()
    .regex(/^\d{2}$/)
    .default('11'),
});

/** What a version-1 document may not use: the sites, kinds and fields added by version 2. */
const VERSION_2_REGION_SET = new Set<string>(VERSION_2_REGIONS);
const VERSION_2_KIND_SET = new Set<string>(VERSION_2_KINDS);
const VERSION_2_FIELDS = [
  'repairDetails',
  'defectAreaSqCm',
  'treatedAreaSqCm',
  'hidradenitisRepair',
  'photodynamicApplication',
  'nailProcedure',
  'nailCount',
  'graft',
  'graftDonorSiteOf',
  'encounterNumber',
  'performedByNpi',
  'repeatOf',
  'priorSurgeryRelation',
  'abn',
] as const;
const VERSION_2_LESION_FIELDS = ['lidMargin', 'medicalNecessity', 'cosmetic'] as const;
const VERSION_2_DRUG_FIELDS = ['dose', 'wasted', 'ndc'] as const;

type VersionedDocument = {
  schemaVersion: string;
  encounter: { priorSurgery?: unknown };
  lesions: Array<
    { site: { region: string } } & Partial<Record<(typeof VERSION_2_LESION_FIELDS)[number], unknown>>
  >;
  procedures: Array<
    Partial<Record<(typeof VERSION_2_FIELDS)[number], unknown>> & {
      kind: string;
      drugs: Array<{ units?: number } & Partial<Record<(typeof VERSION_2_DRUG_FIELDS)[number], unknown>>>;
    }
  >;
};

function versionOneVocabulary(doc: VersionedDocument, ctx: z.RefinementCtx): void {
  doc.procedures.forEach((p, i) =>
    p.drugs.forEach((d, j) => {
      if (d.units === undefined && d.dose === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['procedures', i, 'drugs', j, 'units'],
          message: 'units or dose is required',
        });
    }),
  );
  if (doc.schemaVersion !== '1') return;
  const needs2 = (path: Array<string | number>, what: string) =>
    ctx.addIssue({ code: 'custom', path, message: `${what} needs schemaVersion "2"` });
  if (doc.encounter.priorSurgery !== undefined) needs2(['encounter', 'priorSurgery'], 'priorSurgery');
  doc.lesions.forEach((l, i) => {
    if (VERSION_2_REGION_SET.has(l.site.region))
      needs2(['lesions', i, 'site', 'region'], `site "${l.site.region}"`);
    for (const field of VERSION_2_LESION_FIELDS)
      if (l[field] !== undefined) needs2(['lesions', i, field], field);
  });
  doc.procedures.forEach((p, i) => {
    if (VERSION_2_KIND_SET.has(p.kind)) needs2(['procedures', i, 'kind'], `procedure kind "${p.kind}"`);
    for (const field of VERSION_2_FIELDS) if (p[field] !== undefined) needs2(['procedures', i, field], field);
    p.drugs.forEach((d, j) => {
      for (const field of VERSION_2_DRUG_FIELDS)
        if (d[field] !== undefined) needs2(['procedures', i, 'drugs', j, field], field);
    });
  });
}

export const VisitCompletedEventSchema = z
  .object({
    /** '1', or '2' for documents that use the version-2 sites, procedure kinds and fields. */
    schemaVersion: z.enum(['1', '2']),
    /** The EHR's own event id; a repeated delivery with the same eventId is a no-op. */
    eventId: opaqueId,
    visitId: opaqueId,
    practiceId: opaqueId,
    completedAt: z.iso.datetime({ offset: true }),
    dateOfService: isoDate,
    patient: PatientSchema,
    /** Absent for self-pay patients. */
    coverage: CoverageSchema.optional(),
    /** Further coverage on file, in billing order: tried when the primary is inactive or not primary. */
    otherCoverages: z.array(CoverageSchema).max(3).optional(),
    /** Prior authorizations on file (REF*G1 on the claim); codes empty = the whole visit. */
    priorAuthorizations: z.array(PriorAuthorizationSchema).max(10).optional(),
    renderingProvider: ProviderSchema,
    encounter: EncounterSchema,
    lesions: z.array(LesionSchema).max(50).default([]),
    procedures: z.array(ProcedureSchema).max(50).default([]),
    diagnoses: z.array(DiagnosisSchema).min(1, 'at least one diagnosis is required').max(50),
    /** The provider's own code choices, when the EHR sends them. */
    providerCodes: z.array(ProviderCodeSchema).max(50).default([]),
  })
  .superRefine(versionOneVocabulary);

export type VisitCompletedEvent = z.infer<typeof VisitCompletedEventSchema>;
export type VisitDocumentInput = z.input<typeof VisitCompletedEventSchema>;
export type Lesion = z.infer<typeof LesionSchema>;
export type Procedure = z.infer<typeof ProcedureSchema>;
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
export type ProviderCode = z.infer<typeof ProviderCodeSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type PriorAuthorization = z.infer<typeof PriorAuthorizationSchema>;
export type PayerType = z.infer<typeof PayerTypeSchema>;
export type AnatomicRegion = z.infer<typeof AnatomicRegionSchema>;
export type ProcedureKind = z.infer<typeof ProcedureKindSchema>;

/**
 * Vocabulary shared by the coding engine, denial correction, the sandbox payer and the payer
 * policy (one source: these schemas). Modifier groups per [hmsa-x, fcso-236, rcmguide].
 */
export const ProcedureSymptomSchema = ProcedureSchema.shape.symptoms.unwrap().element;
export type ProcedureSymptom = z.infer<typeof ProcedureSymptomSchema>;
/** Distinct procedural service: 59 or X{EPSU}; never 59 and an X modifier on one line. */
export const DistinctServiceModifierSchema = z.enum(['59', 'XE', 'XP', 'XS', 'XU']);
export type DistinctServiceModifier = z.infer<typeof DistinctServiceModifierSchema>;
/** ABN modifiers that are never combined on one line (traditional Medicare only). */
export const AbnModifierSchema = z.enum(['GA', 'GY', 'GZ']);
/** Anatomic NCCI-associated modifiers (eyelids, fingers, toes, left/right). */
export const AnatomicModifierSchema = z.enum([
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LT',
  'RT',
]);
/** Global-period and repeat modifiers: E/M 24/25/57, staged 58, return to OR 78, unrelated 79, repeat 76/77. */
export const GlobalModifierSchema = z.enum(['24', '25', '57', '58', '76', '77', '78', '79']);
