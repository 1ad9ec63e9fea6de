/**
 * Destruction of benign lesions other than skin tags: 17110 one unit for 1–14 lesions, 17111 one unit
 * for 15 or more, never both [auctus-17110, iframe-17110]. Medical necessity needs a supporting
 * diagnosis (L82.0 inflamed SK, warts) or documented bleeding, inflammation, pain or itching
 * [aapc-forum, bcbsms, auctus-benign].
 */
import { countedFamily } from './counted';

/** 17110 for 1–14, 17111 for 15+; one unit; never both [auctus-17110]. */
export function benignDestructionCode(count: number): string | null {
  if (count <= 0) return null;
  return count >= 15 ? '17111' : '17110';
}

export const benignDestruction = countedFamily({
  name: 'benign lesion destruction',
  kinds: ['destruction_benign'],
  routing: 'benign_removal',
  removesLesion: true,
  labels: [
    [/^17110$/, 'Benign lesion destruction, up to 14'],
    [/^17111$/, 'Benign lesion destruction, 15 or more'],
  ],
  units: (count) => {
    const code = benignDestructionCode(count);
    return code ? [{ code, units: 1 }] : [];
  },
});
