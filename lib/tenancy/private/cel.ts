/** Small helpers to write CEL literals safely. Internal. */

/** A CEL string literal (JSON string escaping is valid CEL). */
export function celString(value: string): string {
  return JSON.stringify(value);
}

/** A CEL list of string literals. */
export function celList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}
