import { X12Error } from './errors';
import type { Segment } from './segment';
import { RawSegment } from './segment';

/**
 * What X12 005010 defines for a segment: its last element, its composite elements (with their
 * number of components) and the elements that may repeat. An element past the last one, a
 * component past a composite's last one, or a repetition of an element that does not repeat is data
 * that no reader would see: an error everywhere, so an amount can never be silently dropped (a CAS
 * with a seventh adjustment triple, a PLB with a seventh pair).
 */
export interface SegmentDefinition {
  /** Position of the last defined element (CAS: 19). */
  max: number;
  /** Composite elements: position → number of components defined. */
  composites?: Readonly<Record<number, number>>;
  /** Elements that may repeat: position → maximum number of repetitions. */
  repeats?: Readonly<Record<number, number>>;
}

const C003 = 8; // composite medical procedure identifier
const C022 = 9; // health care code information

/** The standard's definitions of every segment the transactions we read and write use. */
export const SEGMENT_DEFINITIONS: Readonly<Record<string, SegmentDefinition>> = {
  ISA: { max: 16 },
  IEA: { max: 2 },
  GS: { max: 8 },
  GE: { max: 2 },
  ST: { max: 3 },
  SE: { max: 2 },
  TA1: { max: 5 },
  // 835
  BPR: { max: 21 },
  TRN: { max: 4 },
  CUR: { max: 21 },
  REF: { max: 4, composites: { 4: 6 } },
  DTM: { max: 6 },
  N1: { max: 6 },
  N2: { max: 2 },
  N3: { max: 2 },
  N4: { max: 7 },
  PER: { max: 9 },
  RDM: { max: 3 },
  LX: { max: 1 },
  TS3: { max: 24 },
  TS2: { max: 19 },
  CLP: { max: 14 },
  CAS: { max: 19 },
  NM1: { max: 12 },
  MIA: { max: 24 },
  MOA: { max: 9 },
  AMT: { max: 3 },
  QTY: { max: 4, composites: { 3: 15 } },
  SVC: { max: 7, composites: { 1: C003, 6: C003 } },
  LQ: { max: 2 },
  PLB: { max: 14, composites: { 3: 2, 5: 2, 7: 2, 9: 2, 11: 2, 13: 2 } },
  // 837P
  BHT: { max: 6 },
  HL: { max: 4 },
  PRV: { max: 6, composites: { 5: 3 } },
  SBR: { max: 9 },
  PAT: { max: 9 },
  DMG: { max: 11, composites: { 5: 3 } },
  CLM: { max: 20, composites: { 5: 3, 11: 5 } },
  // HI01…HI12, each a C022 composite
  HI: { max: 12, composites: Object.fromEntries(Array.from({ length: 12 }, (_, n) => [n + 1, C022])) },
  SV1: { max: 21, composites: { 1: C003, 7: 4 } },
  DTP: { max: 3 },
  NTE: { max: 2 },
  PWK: { max: 9 },
  CN1: { max: 6 },
  K3: { max: 4 },
  CR1: { max: 10 },
  CRC: { max: 7 },
  LIN: { max: 31 },
  CTP: { max: 11, composites: { 5: 15 } },
  SVD: { max: 7, composites: { 3: C003 } },
  OI: { max: 6 },
  MEA: { max: 12 },
  HCP: { max: 15 },
  PS1: { max: 3 },
  FRM: { max: 5 },
  // 999
  AK1: { max: 3 },
  AK2: { max: 3 },
  IK3: { max: 4 },
  CTX: { max: 6, composites: { 1: 2, 5: 2, 6: 4 } },
  IK4: { max: 4, composites: { 1: 2 } },
  IK5: { max: 5 },
  AK9: { max: 5 },
  // 276/277
  STC: { max: 12, composites: { 1: 4, 10: 4, 11: 4 } },
  // 270/271
  EQ: { max: 5, composites: { 2: C003, 5: C022 }, repeats: { 1: 99 } },
  EB: { max: 14, composites: { 13: C003, 14: 4 }, repeats: { 3: 99 } },
  HSD: { max: 8 },
  MSG: { max: 3 },
  III: { max: 7 },
  INS: { max: 17 },
  AAA: { max: 4 },
  LS: { max: 1 },
  LE: { max: 1 },
};

/**
 * Where an implementation guide uses fewer elements than the standard defines ("not used"
 * trailing elements), by transaction kind; a value there is refused just the same.
 */
const GUIDE_LIMITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '835': { N1: 4, NM1: 9, REF: 2 },
  '837P': { NM1: 9 },
};

/** A definition prepared for the hot path: composites as a flat [position, components, …] list. */
interface CompiledDefinition {
  definition: SegmentDefinition;
  max: number;
  composites: number[];
}

const byGuide = new Map<string, Map<string, CompiledDefinition>>();

function compile(definition: SegmentDefinition): CompiledDefinition {
  const composites = Object.entries(definition.composites ?? {}).flatMap(([p, n]) => [Number(p), n]);
  return { definition, max: definition.max, composites };
}

/** The standard's definitions narrowed by one guide's limits (built once per guide; '' = standard). */
function definitionsFor(guide: string): Map<string, CompiledDefinition> {
  let table = byGuide.get(guide);
  if (!table) {
    const limits = GUIDE_LIMITS[guide] ?? {};
    table = new Map();
    for (const [id, standard] of Object.entries(SEGMENT_DEFINITIONS)) {
      const max = limits[id];
      table.set(
        id,
        compile(max === undefined ? standard : { ...standard, max: Math.min(standard.max, max) }),
      );
    }
    byGuide.set(guide, table);
  }
  return table;
}

/** The definition of `id` in a transaction set (`guide`: '835', '837P'…), or undefined when unknown. */
export function definitionOf(id: string, guide?: string): SegmentDefinition | undefined {
  return definitionsFor(guide ?? '').get(id)?.definition;
}

/**
 * The first shape problem of a segment: an element past its last defined element, or a composite
 * with more components than defined. Unknown segment ids pass (the transaction's own checks
 * decide about them). Cheap enough for every segment of a stream.
 */
export function segmentShapeProblem(segment: Segment, guide?: string): X12Error | null {
  const compiled = definitionsFor(guide ?? '').get(segment.id);
  if (compiled === undefined) return null;
  const max = compiled.max;
  // n elements need n separators: a segment shorter than that cannot have too many. Longer ones
  // are split here (the readers split them next anyway, and RawSegment keeps the split).
  if (compiled.composites.length === 0 && segment instanceof RawSegment) {
    if (segment.raw.length - segment.id.length <= max) return null;
  }
  const { elements } = segment;
  let last = elements.length - 1;
  while (last > max && elements[last] === '') last -= 1;
  if (last > max) {
    return new X12Error('INVALID_ELEMENT', `element past the last defined element of ${segment.id}`, {
      segmentPosition: segment.position,
      segmentId: segment.id,
      elementPosition: max + 1,
      expected: `at most ${max} elements`,
      found: `${last} elements`,
    });
  }
  const composites = compiled.composites;
  const separator = segment.delimiters.component;
  for (let i = 0; i < composites.length; i += 2) {
    const position = composites[i]!;
    const value = elements[position];
    if (value === undefined || value === '') continue;
    const allowed = composites[i + 1]!;
    const count = countOf(value, separator);
    if (count > allowed) {
      return new X12Error('INVALID_ELEMENT', 'component past the last defined component', {
        segmentPosition: segment.position,
        segmentId: segment.id,
        elementPosition: position,
        componentPosition: allowed + 1,
        expected: `at most ${allowed} components`,
        found: `${count} components`,
      });
    }
  }
  return null;
}

/**
 * Separator misuse the stream readers cannot see: a component or repetition separator inside an
 * element that is neither a composite nor repeatable (it would be read as data), and more
 * repetitions than allowed.
 */
export function separatorProblems(segment: Segment, guide?: string): X12Error[] {
  if (segment.id === 'ISA') return [];
  const definition = definitionOf(segment.id, guide);
  const { component, repetition } = segment.delimiters;
  const problems: X12Error[] = [];
  const { elements } = segment;
  for (let position = 1; position < elements.length; position += 1) {
    const value = elements[position] ?? '';
    if (value === '') continue;
    const repeats = definition?.repeats?.[position];
    if (repetition !== '' && value.includes(repetition)) {
      const count = countOf(value, repetition);
      if (repeats === undefined || count > repeats) {
        problems.push(
          separatorError(
            segment,
            position,
            repeats === undefined
              ? 'repetition separator in an element that does not repeat'
              : 'more repetitions than allowed',
            repeats === undefined ? 'no repetition' : `at most ${repeats}`,
            `${count} repetitions`,
          ),
        );
      }
    }
    if (definition?.composites?.[position] !== undefined) {
      const foreign = foreignSeparator(value, segment.delimiters);
      if (foreign !== undefined) {
        problems.push(
          separatorError(
            segment,
            position,
            'composite element holds another separator character (wrong component separator?)',
            `components separated by ${JSON.stringify(component)}`,
            JSON.stringify(foreign),
          ),
        );
      }
    } else if (definition && value.includes(component)) {
      problems.push(
        separatorError(
          segment,
          position,
          'component separator in a simple element',
          'no component separator',
          `${countOf(value, component)} components`,
        ),
      );
    }
  }
  return problems;
}

/** Characters senders use as component separators; inside a code composite they are a misused one. */
const SEPARATOR_LIKE = [':', '>', '<', '|', '\\', '^', '~', '`'];

function foreignSeparator(value: string, delimiters: Segment['delimiters']): string | undefined {
  const own = [delimiters.component, delimiters.element, delimiters.segment, delimiters.repetition];
  return SEPARATOR_LIKE.find((char) => !own.includes(char) && value.includes(char));
}

function separatorError(
  segment: Segment,
  position: number,
  detail: string,
  expected: string,
  found: string,
): X12Error {
  return new X12Error('DELIMITERS', detail, {
    segmentPosition: segment.position,
    segmentId: segment.id,
    elementPosition: position,
    expected,
    found,
  });
}

function countOf(value: string, separator: string): number {
  let count = 1;
  for (let at = value.indexOf(separator); at >= 0; at = value.indexOf(separator, at + 1)) count += 1;
  return count;
}
