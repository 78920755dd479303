import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, ROOT } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

/**
 * One cluster of 380 tenants (the benchmark's generator): 380 × 379 ordered tenant pairs, so 144,784 connectivity
 * intents. `gke-platform synth` used to end this with "Maximum call stack size exceeded" after writing both sides:
 * the summary line spread one argument per verdict into Math.max, and V8 refuses calls of more than ~125,000
 * arguments (the limit follows the stack size). 50 clusters × 5,000 tenants failed the same way.
 */
const TENANTS = 380;

describe('gke-platform synth of a generated platform with more intents than a call can take arguments', () => {
  test('verifies every intent and prints the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gke-platform-large-'));
    mkdirSync(join(dir, 'platform'));
    writeFileSync(
      join(dir, 'platform', 'platform.ts'),
      `import { generatePlatform } from ${JSON.stringify(join(ROOT, 'scripts/bench/generate-platform'))};\nexport const platform = generatePlatform({ clusters: 1, tenants: ${TENANTS} });\n`,
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, gkePlatform: { definition: 'platform/platform.ts' } }));

    const { status, stdout, stderr } = cli(dir, ['synth']);

    expect(stderr).not.toMatch(/call stack/);
    expect(status).toBe(0);
    const pairs = TENANTS * (TENANTS - 1);
    const intents = Number(/^connectivity: (\d+) of (\d+) intents met, 0 unmet, 0 accepted gap\(s\)$/m.exec(stdout)?.[2]);
    expect(intents).toBeGreaterThan(pairs);
    expect(stdout).toContain(`connectivity: ${intents} of ${intents} intents met, 0 unmet, 0 accepted gap(s)`);
  });
});
