import type { Document } from 'bson';
import { isPlainObject, type Doc } from './bson-values.js';
import type { Collection } from './collection.js';
import { commandError } from './errors.js';
import { assertSchema, matchesSchema } from './json-schema.js';
import { compileFilter } from './matcher.js';

/**
 * Collection validators (`create`/`collMod` with `validator`), enforced on inserts, updates and
 * upserts as mongod does: query-language conditions and the `$jsonSchema` keywords below.
 * Accepting a validator and then ignoring it would be a silent wrong answer, so a schema keyword
 * outside this set fails the write with a clear error instead.
 */
export function checkValidator(coll: Collection | undefined, doc: Doc, before?: Doc): void {
  const validator = coll?.options.validator as Document | undefined;
  if (!validator || Object.keys(validator).length === 0) return;
  const { validationLevel = 'strict', validationAction = 'error' } = coll?.options ?? {};
  if (validationLevel === 'off' || validationAction === 'warn') return;
  // 'moderate' leaves alone updates of documents that already broke the rules.
  if (validationLevel === 'moderate' && before && !passes(validator, before)) return;
  if (passes(validator, doc)) return;
  throw commandError(121, 'Document failed validation', {
    errInfo: { failingDocumentId: doc._id, details: { operatorName: Object.keys(validator)[0] } },
  });
}

function passes(validator: Document, doc: Doc): boolean {
  const { $jsonSchema: schema, ...rest } = validator;
  if (schema !== undefined && !matchesSchema(schema, doc)) return false;
  return Object.keys(rest).length === 0 || compileFilter(rest)(doc);
}

/** Fails `create`/`collMod` on a schema keyword we would not enforce, as mongod fails unknown ones. */
export function assertValidatorSupported(validator: unknown): void {
  if (validator === undefined) return;
  if (!isPlainObject(validator)) throw commandError(14, "'validator' must be an object");
  if (validator.$jsonSchema !== undefined) assertSchema(validator.$jsonSchema);
  const { $jsonSchema: _schema, ...rest } = validator;
  if (Object.keys(rest).length > 0) compileFilter(rest);
}
