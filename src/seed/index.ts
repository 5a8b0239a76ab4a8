export {
  createStoreGenerator,
  defaultNow,
  generateStore,
  DEFAULT_STORE_URL,
  type StoreGenerator,
} from './generate-store.js';
export { dropStore, seedStore, type SeedCounts, type SeedOptions, type SeedProgress } from './seed-store.js';
export { createRandom, createSampler, mixSeed, mulberry32, seededObjectId, type Random } from './prng.js';
export type * from './types.js';
