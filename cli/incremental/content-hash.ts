/**
 * Content hashes of plain data and of bytes, for the incremental synth's cache keys. A value is hashed by walking
 * it, not by JSON.stringify: Maps, Sets, class instances and undefined fields all count, and key order counts too
 * (the order of a definition's entries is the order resources are written in, so a reordering must miss the cache).
 */
import { createHash, Hash } from 'crypto';

/** The hash of `bytes` (a file's contents) as hex. */
export function hashBytes(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The hash of several hashes or strings, in order. */
export function hashParts(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest('hex');
}

/**
 * The hash of a value: primitives, arrays, plain objects and class instances (own enumerable fields, in insertion
 * order), Maps (entries in insertion order), Sets, Dates and functions (by their source text). Throws on a cycle:
 * the caller then synthesizes in full rather than trust a hash that could not see everything.
 */
export function hashValue(value: unknown): string {
  const hash = createHash('sha256');
  feed(hash, value, new Set());
  return hash.digest('hex');
}

function feed(hash: Hash, value: unknown, path: Set<object>): void {
  if (value === null) return void hash.update('n;');
  switch (typeof value) {
    case 'undefined':
      return void hash.update('u;');
    case 'string':
      return void hash.update(`s${value.length}:${value};`);
    case 'number':
    case 'boolean':
    case 'bigint':
      return void hash.update(`${(typeof value)[0]}${String(value)};`);
    case 'symbol':
      return void hash.update(`y${String(value)};`);
    case 'function':
      return void hash.update(`f${value.toString()};`);
  }
  const object = value as object;
  if (path.has(object)) throw new Error('a cycle in the hashed value');
  path.add(object);
  if (Array.isArray(object)) {
    hash.update(`a${object.length}[`);
    for (const item of object) feed(hash, item, path);
    hash.update(']');
  } else if (object instanceof Map) {
    hash.update(`m${object.size}{`);
    for (const [key, item] of object) {
      feed(hash, key, path);
      feed(hash, item, path);
    }
    hash.update('}');
  } else if (object instanceof Set) {
    hash.update(`e${object.size}{`);
    for (const item of object) feed(hash, item, path);
    hash.update('}');
  } else if (object instanceof Date) {
    hash.update(`d${object.toISOString()};`);
  } else if (Buffer.isBuffer(object)) {
    hash.update(`b${object.length}:`);
    hash.update(object);
  } else {
    const keys = Object.keys(object);
    hash.update(`o${object.constructor?.name ?? ''}${keys.length}{`);
    for (const key of keys) {
      hash.update(`${key.length}:${key}=`);
      feed(hash, (object as Record<string, unknown>)[key], path);
    }
    hash.update('}');
  }
  path.delete(object);
}
