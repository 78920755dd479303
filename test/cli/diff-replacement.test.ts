import { cpSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, exampleProject, redefine } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

describe('gke-platform diff on a real platform change', () => {
  test("a cluster's maxPodsPerNode change is flagged as a replacement of the cluster, and --fail-on replace fails", () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['synth']).status).toBe(0);
    const base = mkdtempSync(join(tmpdir(), 'diff-base-'));
    cpSync(join(dir, 'cdktf.out'), join(base, 'cdktf.out'), { recursive: true });
    cpSync(join(dir, 'dist'), join(base, 'dist'), { recursive: true });

    // Fewer pods per node: the recorded pod range still fits, but the cluster and its pool are replaced.
    redefine(dir, `export const platform = { ...example, clusters: example.clusters.map((c) => c.name === 'dev-usw1' ? { ...c, maxPodsPerNode: 24 } : c) };`);
    expect(cli(dir, ['synth']).status).toBe(0);

    const json = JSON.parse(cli(dir, ['diff', base, '--json']).stdout);
    expect(json.critical).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'likely-replacement', key: 'drive-cluster-dev-usw1/google_container_cluster.Cluster_EB0386A7', attributes: ['default_max_pods_per_node'] }),
        expect.objectContaining({ kind: 'likely-replacement', key: 'drive-cluster-dev-usw1/google_container_node_pool.general_1D288A4B', attributes: ['max_pods_per_node'] }),
      ]),
    );
    const failed = cli(dir, ['diff', base, '--fail-on', 'replace']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/\*\*Likely replacement\*\* `drive-cluster-dev-usw1\/google_container_cluster\.[^`]+`: `default_max_pods_per_node` \(`32` → `24`\) forces a new resource/);
    // The field that forces it, and the definition change that builds a successor generation instead.
    const proposal =
      "maxPodsPerNode cannot change on the live cluster dev-usw1: instead of replacing it, build a successor generation beside it (docs/cluster-generations.md): keep dev-usw1's own settings as they were (maxPodsPerNode 32) and add generations: [{ name: 'a', trafficWeight: 100 }, { name: 'b', trafficWeight: 0, maxPodsPerNode: 24 }], then shift trafficWeight in steps and retire 'a' (state: 'retiring')";
    expect(failed.stdout).toContain(`  - **Instead:** ${proposal}`);
    expect(failed.stderr).toMatch(new RegExp(`^diff: drive-cluster-dev-usw1/google_container_cluster\\.\\S+ would be replaced: ${proposal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(json.critical.find((f: { type: string }) => f.type === 'google_container_cluster').proposal).toBe(proposal);
    expect(json.critical.find((f: { type: string }) => f.type === 'google_container_node_pool').proposal).toBeUndefined();
  });
});
