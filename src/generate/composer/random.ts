import { hashString, mulberry32 } from '../../shared/random.js';

export { hashString, mulberry32 };

/**
 * One independent stream per field, so adding a line to one bank does not reshuffle the choices
 * made for the other fields of the same email.
 */
export function streamFor(seed: number, field: string): () => number {
  return mulberry32(hashString(field, seed >>> 0));
}
