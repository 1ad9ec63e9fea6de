import { z } from 'zod';
import { isValidNpi } from '../x12/npi';

/** A 10-digit NPI whose check digit holds (Luhn with prefix 80840): a mistyped NPI is never billed. */
export function npiSchema() {
  return z
    .string()
    .regex(/^\d{10}$/, 'must be a 10-digit NPI')
    .refine(isValidNpi, 'must be a valid NPI (check digit, Luhn with prefix 80840)');
}
