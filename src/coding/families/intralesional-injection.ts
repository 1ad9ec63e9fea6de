/**
 * Intralesional injection: 11900 for 1–7 lesions, 11901 for more than 7; count lesions, not
 * injections; one unit per encounter; the drug (e.g. J3301) is billed separately [pabau-11900, iframe-11901].
 */
import { countedFamily } from './counted';

export function intralesionalCode(count: number): string {
  return count > 7 ? '11901' : '11900';
}

export const intralesionalInjection = countedFamily({
  name: 'intralesional injection',
  kinds: ['intralesional_injection'],
  routing: 'covered',
  labels: [
    [/^11900$/, 'Lesion injection, up to 7'],
    [/^11901$/, 'Lesion injection, more than 7'],
  ],
  units: (count) => [{ code: intralesionalCode(count), units: 1 }],
});
