import { hashString, mixSeed, mulberry32 } from '../shared/random.js';

/** The project's one seeded PRNG and hashes, under the names the generator uses. */
export { hashString, mixSeed };
export const seededRandom = mulberry32;
