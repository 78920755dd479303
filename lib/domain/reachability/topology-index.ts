/*
 * Lookups into a topology's lists by cluster and namespace, built once per list. A topology is plain read-only data,
 * so an index keyed by the list itself stays valid; it is rebuilt if the list's length changes (a hand-made model
 * grown in a test). Each lookup returns the elements in the list's own order, so every `find` and every first match
 * a hop takes is the one a scan of the whole list would take: the index changes the cost, never the answer.
 */

type Positions = ReadonlyMap<string, readonly number[]>;

const indexes = new WeakMap<object, Map<string, { readonly length: number; readonly positions: Positions }>>();

function positionsBy<T>(list: readonly T[], name: string, key: (item: T) => string): Positions {
  let byName = indexes.get(list);
  if (!byName) indexes.set(list, (byName = new Map()));
  const cached = byName.get(name);
  if (cached && cached.length === list.length) return cached.positions;
  const positions = new Map<string, number[]>();
  list.forEach((item, i) => {
    const k = key(item);
    const at = positions.get(k);
    if (at) at.push(i);
    else positions.set(k, [i]);
  });
  byName.set(name, { length: list.length, positions });
  return positions;
}

const place = (cluster: string, namespace: string) => `${cluster}\u0000${namespace}`;

/** The elements of one namespace of one cluster, in list order. */
export function inNamespace<T extends { readonly cluster: string; readonly namespace: string }>(list: readonly T[], cluster: string, namespace: string): readonly T[] {
  return (positionsBy(list, 'namespace', (o) => place(o.cluster, o.namespace)).get(place(cluster, namespace)) ?? []).map((i) => list[i]);
}

/** The elements of either of two namespaces of one cluster, in list order (a namespace's and the root namespace's). */
export function inNamespaces<T extends { readonly cluster: string; readonly namespace: string }>(list: readonly T[], cluster: string, namespaces: readonly [string, string]): readonly T[] {
  const index = positionsBy(list, 'namespace', (o) => place(o.cluster, o.namespace));
  const [a, b] = namespaces.map((ns) => index.get(place(cluster, ns)) ?? []);
  if (namespaces[0] === namespaces[1]) return a.map((i) => list[i]);
  // Both lists are in ascending order: merge them.
  const merged: T[] = [];
  for (let i = 0, j = 0; i < a.length || j < b.length;) merged.push(list[j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++]]);
  return merged;
}

/** The first namespace of that name in that cluster's manifests. */
export function namespaceNamed<T extends { readonly cluster: string; readonly name: string }>(namespaces: readonly T[], cluster: string, name: string): T | undefined {
  const at = positionsBy(namespaces, 'name', (n) => place(n.cluster, n.name)).get(place(cluster, name));
  return at ? namespaces[at[0]] : undefined;
}

/** The first element with that name (clusters by name). */
export function named<T extends { readonly name: string }>(list: readonly T[], name: string): T | undefined {
  const at = positionsBy(list, 'by-name', (o) => o.name).get(name);
  return at ? list[at[0]] : undefined;
}
