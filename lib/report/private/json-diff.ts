/** cdktf writes construct metadata under `//`; it changes with construct paths, not with infrastructure. */
const METADATA_KEY = '//';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys and without cdktf metadata: equal text means equal value. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .filter((k) => k !== METADATA_KEY)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * The paths where two values differ, e.g. `node_config.machine_type`, `secondary_ip_range[1].ip_cidr_range`.
 * Objects recurse by key; lists of equal length recurse by index; anything else differs as a whole.
 */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (sameValue(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== METADATA_KEY).sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => changedPaths(item, after[index], `${prefix}[${index}]`));
  }
  return [prefix || '(whole value)'];
}

/**
 * The value at a dotted path. cdktf writes a single nested block as an object or as a one-element
 * list, so lists are looked through: the result is then the list of each element's value.
 */
export function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current.map((item) => (isObject(item) ? item[key] : undefined));
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}
