import type { Document } from 'bson';

const CODE_NAMES: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  8: 'UnknownError',
  9: 'FailedToParse',
  11: 'UserNotFound',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  28: 'PathNotViable',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  52: 'DollarPrefixedFieldName',
  56: 'EmptyFieldName',
  57: 'DottedFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  112: 'WriteConflict',
  115: 'CommandNotSupported',
  166: 'CommandNotSupportedOnView',
  171: 'CannotIndexParallelArrays',
  197: 'InvalidIndexSpecificationOption',
  225: 'TransactionTooOld',
  251: 'NoSuchTransaction',
  256: 'TransactionCommitted',
  263: 'OperationNotSupportedInTransaction',
  11000: 'DuplicateKey',
  40324: 'Location40324',
  40415: 'Location40415',
  31254: 'Location31254',
  2200: 'Location2200',
  10334: 'BSONObjectTooLarge',
  17419: 'Location17419',
  51091: 'Location51091',
};

/** An error the server reports to the client as `{ ok: 0, errmsg, code, codeName }`. */
export class MongoCommandError extends Error {
  override name = 'MongoCommandError';
  constructor(
    readonly code: number,
    message: string,
    /** Extra top-level fields such as keyPattern/keyValue or errorLabels. */
    readonly extra: Document = {},
  ) {
    super(message);
  }

  get codeName(): string {
    return CODE_NAMES[this.code] ?? `Location${this.code}`;
  }

  toResponse(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The shape of one entry of a write command's `writeErrors`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

export function commandError(code: number, message: string, extra?: Document): MongoCommandError {
  return new MongoCommandError(code, message, extra);
}

export const badValue = (message: string): MongoCommandError => commandError(2, message);
export const failedToParse = (message: string): MongoCommandError => commandError(9, message);
export const typeMismatch = (message: string): MongoCommandError => commandError(14, message);

export function notSupported(feature: string): MongoCommandError {
  return commandError(115, `${feature} is not supported by the embedded MongoDB test server`);
}

/** mongod's answer to a pattern PCRE cannot compile; JavaScript's message names the problem. */
export function invalidRegex(message: string): MongoCommandError {
  const detail = message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/, '');
  return commandError(51091, `Regular expression is invalid: ${detail}`);
}

/**
 * Turns anything thrown while running a command into a server error; mingo's own errors
 * (unknown operators, bad expressions) become BadValue with mingo's message.
 */
export function toCommandError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Invalid regular expression')) return invalidRegex(message);
  return commandError(2, message);
}
