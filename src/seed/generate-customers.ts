import {
  EMAIL_DOMAINS,
  EN_FIRST,
  EN_LAST,
  EN_TIMEZONES,
  ZH_FAMILY,
  ZH_GIVEN,
  ZH_TIMEZONES,
} from './people-data.js';
import { createRandom, mixSeed, seededObjectId } from './prng.js';
import type { SeedCustomer } from './types.js';

const ZH_SHARE = 0.3;
const CONSENT_SHARE = 0.85;

/**
 * Customer `index` of the store for `seed`: its data depends only on (seed, index), so customers
 * can be generated page by page without keeping earlier pages.
 */
export function generateCustomer(seed: number, index: number, days: number, now: Date): SeedCustomer {
  const r = createRandom(mixSeed(seed, 2, index));
  const zh = r.chance(ZH_SHARE);
  let firstName: string;
  let lastName: string;
  let local: string;
  if (zh) {
    const [family, familyPinyin] = r.pick(ZH_FAMILY);
    const [given, givenPinyin] = r.pick(ZH_GIVEN);
    firstName = given;
    lastName = family;
    local = r.chance(0.5) ? `${familyPinyin}.${givenPinyin}` : `${givenPinyin}${familyPinyin}`;
  } else {
    firstName = r.pick(EN_FIRST);
    lastName = r.pick(EN_LAST);
    local = r.chance(0.6) ? `${firstName}.${lastName}` : `${firstName[0] ?? ''}${lastName}`;
  }
  const zones = zh ? ZH_TIMEZONES : EN_TIMEZONES;
  const timezone = zones[r.weighted(zones.map(([, w]) => w))]?.[0] ?? 'UTC';
  // Sign-ups spread over a window a bit longer than the history, so some shoppers predate it.
  const signupDaysAgo = r.next() * days * 1.3;
  return {
    _id: seededObjectId(0xc1, seed, index),
    externalId: `cust_${index + 1}`,
    email: `${local.toLowerCase()}${index + 1}@${r.pick(EMAIL_DOMAINS)}`,
    firstName,
    lastName,
    locale: zh ? 'zh-CN' : 'en',
    timezone,
    marketingConsent: r.chance(CONSENT_SHARE),
    createdAt: new Date(now.getTime() - Math.floor(signupDaysAgo * 86_400_000)),
  };
}

export function generateCustomerPage(
  seed: number,
  start: number,
  count: number,
  days: number,
  now: Date,
): SeedCustomer[] {
  const out: SeedCustomer[] = [];
  for (let i = start; i < start + count; i++) out.push(generateCustomer(seed, i, days, now));
  return out;
}
