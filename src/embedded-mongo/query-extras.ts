import { Timestamp, type Document } from 'bson';
import { isNumeric, toNumber } from './bson-values.js';
import { badValue } from './errors.js';
import { assertSchema, matchesSchema } from './json-schema.js';

/*
 * Query-language pieces mingo lacks or gets wrong, plugged into the options `queryOptions`
 * (matcher.ts) builds.
 */

/**
 * `{$mod: [divisor, remainder]}` validated as mongod parses it (mingo matched nothing on a zero
 * divisor); the test truncates both sides to integers, as MongoDB does.
 */
export function modTest(spec: unknown): (value: unknown) => boolean {
  if (!Array.isArray(spec)) throw badValue('malformed mod, needs to be an array');
  if (spec.length < 2) throw badValue('malformed mod, not enough elements');
  if (spec.length > 2) throw badValue('malformed mod, too many elements');
  if (!isNumeric(spec[0])) throw badValue('malformed mod, divisor not a number');
  if (!isNumeric(spec[1])) throw badValue('malformed mod, remainder not a number');
  const divisor = Math.trunc(toNumber(spec[0]));
  const remainder = Math.trunc(toNumber(spec[1]));
  if (!Number.isFinite(divisor) || !Number.isFinite(remainder))
    throw badValue('malformed mod, divisor value is invalid');
  if (divisor === 0) throw badValue('divisor cannot be 0');
  return (value) => {
    if (!isNumeric(value)) return false;
    const n = Math.trunc(toNumber(value));
    return Number.isFinite(n) && n % divisor === remainder;
  };
}
/**
 * Variables every expression can read besides the command's `let`: `$$CLUSTER_TIME` (mingo
 * knows `$$NOW` but not this one). A getter, so each read sees the current time.
 */
function systemVariables(): Document {
  return {
    get CLUSTER_TIME(): Timestamp {
      return new Timestamp({ t: Math.floor(Date.now() / 1000), i: 1 });
    },
  };
}

/** The command's `let` variables together with the system ones. */
export function withSystemVariables(variables: Document | undefined): Document {
  const system = systemVariables();
  if (!variables) return system;
  for (const key of Object.keys(variables)) {
    if (key === 'CLUSTER_TIME') continue;
    Object.defineProperty(system, key, { value: variables[key], enumerable: true });
  }
  return system;
}

/** `$jsonSchema` in a filter: the same keywords collection validators accept. */
export function jsonSchemaValidator(schema: unknown): (doc: Document) => boolean {
  assertSchema(schema);
  return (doc) => matchesSchema(schema, doc);
}
