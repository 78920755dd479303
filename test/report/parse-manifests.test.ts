import { parseAllDocuments } from 'yaml';
import { modelReads, readSynthesized } from '../../lib/domain/reachability/read-synthesized';
import { parseManifests } from '../../lib/report/cluster-folders';
import { readSynthesizedPlatform } from '../../lib/report/synthesized-output';
import { synthesisContext } from '../../lib/report/verify-connectivity';
import { cli, exampleProject } from '../cli/harness';
import { join } from 'path';

process.env.CHECKPOINT_DISABLE = '1';

/*
 * The verification reads back what synth wrote, and parsing YAML was most of that time: documents the model does not
 * read (anything but Namespaces, NetworkPolicies and Istio objects) are left unparsed when their plain top-level
 * kind and apiVersion lines say so. Everything else is parsed, so the model is the same.
 */
const STREAM = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n',
  '---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: skipped\n',
  '---\napiVersion: v1\nkind: "ConfigMap"\nmetadata:\n  name: quoted-kind\n',
  '---\n{apiVersion: v1,\nkind: ServiceAccount\n}\n',
  '--- # a comment after the marker\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\ndata: |\n  kind: Secret\n  ---\n',
  '---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n',
].join('');

describe('parseManifests with a filter', () => {
  test('parses what the filter keeps and every document it cannot tell, in order; skips the rest', () => {
    const names = (objects: unknown[]) => objects.map((o) => (o as { metadata?: { name?: string }; kind?: string }).metadata?.name ?? (o as { kind: string }).kind);
    expect(names(parseManifests(STREAM))).toEqual(['a', 'skipped', 'quoted-kind', 'ServiceAccount', 'p', 'default']);
    expect(names(parseManifests(STREAM, modelReads))).toEqual(['a', 'quoted-kind', 'ServiceAccount', 'p', 'default']);
    // The kept documents are parsed exactly as the whole stream parses them.
    const all = parseAllDocuments(STREAM).map((d) => d.toJSON());
    expect(parseManifests(STREAM, modelReads)).toEqual(all.filter((o) => o.metadata?.name !== 'skipped'));
  });

  test("the bundled example's output gives the same model with and without the filter", () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    const read = (keep?: typeof modelReads) => readSynthesizedPlatform(join(dir, 'cdktf.out'), join(dir, 'dist'), keep);
    const [all, kept] = [read(), read(modelReads)];
    const count = (o: typeof all) => o.manifests.reduce((n, m) => n + m.objects.length, 0);
    expect(count(kept)).toBeLessThan(count(all) / 2);
    const { examplePlatform } = require('../../examples/drive-platform/platform');
    expect(readSynthesized(kept, synthesisContext(examplePlatform))).toEqual(readSynthesized(all, synthesisContext(examplePlatform)));
  });
});
