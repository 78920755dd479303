import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { cli, exampleProject } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

interface Project {
  name: string;
  dir: string;
  execution_order_group: number;
  depends_on?: string[];
}

describe('gke-platform atlantis', () => {
  test("writes atlantis.yaml: one project per synthesized stack, depends_on and groups in the stacks' order", () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['synth', '--only', 'terraform']).status).toBe(0);
    const { status, stdout } = cli(dir, ['atlantis']);
    expect(status).toBe(0);
    expect(stdout).toBe('atlantis.yaml\n');
    const config = parse(readFileSync(join(dir, 'atlantis.yaml'), 'utf8'));
    expect(config).toMatchObject({ version: 3, parallel_plan: true, parallel_apply: true });
    const projects = config.projects as Project[];
    const manifest = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8')).stacks as Record<string, { dependencies: string[] }>;
    // One project per stack, in its folder.
    expect(projects.map((p) => p.name).sort()).toEqual(Object.keys(manifest).sort());
    for (const p of projects) expect(existsSync(join(dir, p.dir, 'cdk.tf.json'))).toBe(true);
    const byName = new Map(projects.map((p) => [p.name, p]));
    // Every dependency is declared and applied in an earlier group; projects are listed group by group.
    for (const p of projects) {
      expect(p.depends_on ?? []).toEqual([...manifest[p.name].dependencies].sort());
      for (const dep of p.depends_on ?? []) expect(byName.get(dep)!.execution_order_group).toBeLessThan(p.execution_order_group);
    }
    expect(projects.map((p) => p.execution_order_group)).toEqual([...projects.map((p) => p.execution_order_group)].sort((a, b) => a - b));
    expect(byName.get('drive-project-services')).toMatchObject({ dir: 'cdktf.out/stacks/drive-project-services', execution_order_group: 0 });
    expect(byName.get('drive-project-services')!.depends_on).toBeUndefined();
    expect(byName.get('drive-network')).toMatchObject({ execution_order_group: 1, depends_on: ['drive-project-services'] });
    // Independent stacks share a group, so Atlantis runs them in parallel: the three clusters.
    expect(new Set(['drive-cluster-prod-usc1', 'drive-cluster-dev-usw1', 'drive-cluster-payments-usc1'].map((n) => byName.get(n)!.execution_order_group)).size).toBe(1);
  });

  test('throws when nothing is synthesized yet, naming the synth command', () => {
    const { dir } = exampleProject();
    expect(cli(dir, ['atlantis'])).toMatchObject({ status: 1, stderr: 'gke-platform atlantis: cdktf.out/manifest.json does not exist: nothing synthesized\n  fix: run `npx gke-platform synth` first\n' });
  });
});
