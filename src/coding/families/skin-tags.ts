/**
 * Removal of skin tags: 11200 for up to 15, +11201 for each additional 10 or part [auctus-benign].
 * Judged for medical necessity like other benign removals [bcbsms].
 */
import { countedFamily } from './counted';

/** 11200 up to 15, +11201 per additional 10 or part. */
export function skinTagUnits(count: number): Array<{ code: string; units: number }> {
  if (count <= 0) return [];
  const out = [{ code: '11200', units: 1 }];
  if (count > 15) out.push({ code: '11201', units: Math.ceil((count - 15) / 10) });
  return out;
}

export const skinTags = countedFamily({
  name: 'skin tag removal',
  kinds: ['skin_tag_removal'],
  routing: 'benign_removal',
  removesLesion: true,
  labels: [
    [/^11200$/, 'Skin tag removal, up to 15'],
    [/^11201$/, 'Skin tag removal, each extra 10'],
  ],
  units: skinTagUnits,
});
