/**
 * Paring or cutting of benign hyperkeratotic lesions (corns, calluses): 11055 for one lesion, 11056
 * for 2–4, 11057 for more than 4 [cpt-paring]. Paring and destruction of the same wart are not both
 * billed (an NCCI pair with 17110/17111) [derm-ncci].
 */
import { countedFamily } from './counted';

export function paringCode(count: number): string {
  return count <= 1 ? '11055' : count <= 4 ? '11056' : '11057';
}

export const paring = countedFamily({
  name: 'paring of benign hyperkeratotic lesions',
  kinds: ['paring'],
  routing: 'covered',
  labels: [[/^1105[5-7]$/, 'Paring of hyperkeratotic lesions, count tier']],
  units: (count) => (count > 0 ? [{ code: paringCode(count), units: 1 }] : []),
});
