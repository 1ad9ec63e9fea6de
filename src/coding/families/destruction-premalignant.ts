/**
 * Destruction of premalignant lesions (actinic keratoses): 17000 for the first lesion, +17003 for each
 * of lesions 2–14, 17004 alone for 15 or more; counts summed per date of service [rac-0121, ca-17003].
 * A Medicare NCD covers AK destruction without restriction [aad-abn].
 */
import { countedFamily } from './counted';

/** 17000 + 17003 × (n−1) for 1–14, 17004 alone for 15+ [rac-0121]. */
export function premalignantDestructionUnits(count: number): Array<{ code: string; units: number }> {
  if (count <= 0) return [];
  if (count >= 15) return [{ code: '17004', units: 1 }];
  const out = [{ code: '17000', units: 1 }];
  if (count > 1) out.push({ code: '17003', units: count - 1 });
  return out;
}

export const premalignantDestruction = countedFamily({
  name: 'premalignant lesion destruction',
  kinds: ['destruction_premalignant'],
  routing: 'covered',
  removesLesion: true,
  labels: [
    [/^17000$/, 'Premalignant lesion destruction, first'],
    [/^17003$/, 'Premalignant lesion destruction, lesions 2-14 each'],
    [/^17004$/, 'Premalignant lesion destruction, 15 or more'],
  ],
  units: premalignantDestructionUnits,
});
