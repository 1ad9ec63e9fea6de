import type { Segment } from '../segment';
import { el } from '../segment';
import type { Findings } from './findings';

/**
 * HL level codes each guide allows, with the level each may sit under ('' = top level).
 * 837P: billing provider 20 → subscriber 22 → patient 23. 277CA: source 20 → receiver 21 →
 * provider 19 → patient PT. 270/271: source 20 → receiver 21 → subscriber 22 → dependent 23.
 * 276/277: as 270 with service provider 19 between receiver and subscriber.
 */
const LEVELS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '837P': { '20': [''], '22': ['20'], '23': ['22'] },
  '277CA': { '20': [''], '21': ['20'], '19': ['21'], PT: ['19'] },
  '270': { '20': [''], '21': ['20'], '22': ['21'], '23': ['22'] },
  '271': { '20': [''], '21': ['20'], '22': ['21'], '23': ['22'] },
  '276': { '20': [''], '21': ['20'], '19': ['21'], '22': ['19'], '23': ['22'] },
  '277': { '20': [''], '21': ['20'], '19': ['21'], '22': ['19'], '23': ['22'] },
};

interface Level {
  segment: Segment;
  code: string;
  children: number;
}

/** HL ids, parents, level codes and HL04 child codes of one transaction set. */
export function checkHierarchy(guide: string, segments: Segment[], findings: Findings): void {
  const allowed = LEVELS[guide];
  const levels = new Map<string, Level>();
  for (const segment of segments) {
    if (segment.id !== 'HL') continue;
    const id = el(segment, 1);
    const parent = el(segment, 2);
    const code = el(segment, 3);
    if (!/^\d{1,12}$/.test(id) || levels.has(id)) {
      findings.at('error', 'INVALID_ELEMENT', 'HL01 must be a new numeric id', segment, {
        elementPosition: 1,
        expected: 'an id not used before',
        found: id,
      });
    }
    const parentLevel = parent === '' ? undefined : levels.get(parent);
    if (parent !== '' && !parentLevel) {
      findings.at('error', 'INVALID_ELEMENT', 'HL02 names no earlier HL', segment, {
        elementPosition: 2,
        expected: 'the HL01 of an earlier level',
        found: parent,
      });
    }
    if (parentLevel) parentLevel.children += 1;
    const parents = allowed?.[code];
    if (allowed && !parents) {
      findings.at('error', 'INVALID_ELEMENT', 'HL03 level code not used in this transaction', segment, {
        elementPosition: 3,
        expected: Object.keys(allowed).join('/'),
        found: code,
      });
    } else if (parents && !parents.includes(parentLevel?.code ?? (parent === '' ? '' : '?'))) {
      findings.at('error', 'INVALID_ELEMENT', 'HL level under the wrong parent level', segment, {
        elementPosition: 2,
        expected: parents.map((p) => (p === '' ? 'no parent' : `a level ${p}`)).join(' or '),
        found: parent === '' ? 'no parent' : `a level ${parentLevel?.code ?? 'unknown'}`,
      });
    }
    levels.set(id, { segment, code, children: 0 });
  }
  for (const level of levels.values()) checkChildCode(level, findings);
}

/** A wrong HL04 is a warning: payers' error 271s flag children they then leave out; no amount depends on it. */
function checkChildCode(level: Level, findings: Findings): void {
  const code = el(level.segment, 4);
  if (code === '') return;
  const expected = level.children > 0 ? '1' : '0';
  if (code !== expected) {
    findings.at(
      'warning',
      'INVALID_ELEMENT',
      'HL04 child code does not match the levels under it',
      level.segment,
      {
        elementPosition: 4,
        expected: `${expected} (${level.children} child level${level.children === 1 ? '' : 's'})`,
        found: code,
      },
    );
  }
}
