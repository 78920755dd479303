/**
 * docs/threat-model.md stays honest: every test it cites exists, every admission policy and every benchmark check
 * the corpus stands for has its row, and every row names the layer and what verifies it.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { admissionCorpus } from '../../lib/domain/isolation/admission-corpus';
import { POLICY_NAMES } from '../../lib/domain/isolation/policy-names';
import { exampleManifests, examplePlatform } from './example-manifests';

const root = join(__dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'threat-model.md'), 'utf8');
const rows = doc.split('\n').filter((l) => /^\| \d+ \|/.test(l));

describe('docs/threat-model.md', () => {
  test('every test file or folder it cites exists', () => {
    const cited = [...new Set([...doc.matchAll(/`(test\/[^`\s]+)`/g)].map((m) => m[1]))];
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  test('every row names a layer and what verifies it (a test, the conformance tenant suite or a real deploy)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) {
      const [, attempt, layer, , verified] = row.split(' | ');
      expect({ row: attempt, layer: layer.trim().length > 0 }).toEqual({ row: attempt, layer: true });
      expect(verified).toMatch(/npm test|conformance: tenant suite|real deploy/);
    }
  });

  test('every admission policy has its row', () => {
    for (const name of Object.values(POLICY_NAMES)) expect(doc).toContain(`\`${name}\``);
  });

  test('every benchmark check the corpus stands for has its row', () => {
    const manifests = exampleManifests();
    const checks = new Set(
      Object.keys(manifests).flatMap((c) =>
        admissionCorpus(c, manifests[c], examplePlatform)
          .map((x) => x.benchmark)
          .filter((b): b is string => !!b),
      ),
    );
    for (const check of checks) expect(doc).toMatch(new RegExp(`${check}\\b`));
  });
});
