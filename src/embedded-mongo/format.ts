import { bsonTypeName, isPlainObject } from './bson-values.js';

/** Renders a value the way mongod prints it in error messages (`dup key: { a: "x" }`). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isPlainObject(value)) {
    const inner = Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ');
    return inner ? `{ ${inner} }` : '{}';
  }
  switch (bsonTypeName(value)) {
    case 'objectId':
      return `ObjectId('${String(value)}')`;
    case 'long':
      return `${String(value)}`;
    case 'decimal':
      return `NumberDecimal("${String(value)}")`;
    default:
      return String(value);
  }
}
