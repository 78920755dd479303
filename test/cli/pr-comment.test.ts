import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GITHUB_COMMENT_LIMIT, namePictures, prComment } from '../../cli/pr-comment';
import { cli, exampleProject } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

const DIFF = '## Synthesized output diff\n\n**Summary:** ⚠️ 1 critical\n';

describe('prComment', () => {
  test('is the diff alone without a report', () => {
    expect(prComment({ diff: DIFF })).toBe(DIFF);
  });

  test('puts the diff first and folds the report under it', () => {
    const body = prComment({ diff: DIFF, report: '# Platform `x`\n\ntext\n' });
    expect(body).toBe(`${DIFF}\n<details>\n<summary>Platform report (head)</summary>\n\n# Platform \`x\`\n\ntext\n\n</details>\n`);
  });

  test.each([
    ['a relative picture', '![Address space](address-space.svg)', '*Picture: Address space (`address-space.svg` in the artifact)*'],
    ['one in a folder', '![M](pics/matrix.svg)', '*Picture: M (`pics/matrix.svg` in the artifact)*'],
    ['an absolute URL (left alone)', '![Logo](https://example.com/logo.png)', '![Logo](https://example.com/logo.png)'],
    ['a root path (left alone)', '![Logo](/logo.png)', '![Logo](/logo.png)'],
    ['a plain link (left alone)', '[docs](docs/gitops.md)', '[docs](docs/gitops.md)'],
  ])('namePictures on %s', (_what, markdown, expected) => {
    expect(namePictures(markdown, 'the artifact')).toBe(expected);
  });

  test('cuts a long comment at a line, closes the folded report and says where the rest is', () => {
    const report = Array.from({ length: 2000 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`).join('\n');
    const body = prComment({ diff: DIFF, report, reportPlace: 'the artifact', limit: 10_000 });
    expect(body.length).toBeLessThanOrEqual(10_000);
    expect(body.startsWith(DIFF)).toBe(true);
    expect(body).toMatch(/\| row \d+ \| x+ \|\n\n<\/details>\n\n\*Cut at 10,000 characters, GitHub's comment limit: the whole diff is `gke-platform diff --out` in CI and the report is in the artifact\.\*\n$/);
  });

  test('closes every folded section the cut left open, nested ones included', () => {
    const report = `# Platform\n\n<details>\n<summary>Every intent</summary>\n\n${'| intent | allow |\n'.repeat(1000)}</details>\n`;
    const body = prComment({ diff: DIFF, report, limit: 5000 });
    expect(body.length).toBeLessThanOrEqual(5000);
    expect(body).toMatch(/\| intent \| allow \|\n\n<\/details>\n\n<\/details>\n\n\*Cut at 5,000 characters/);
  });

  test('holds to GitHub’s limit by default', () => {
    const body = prComment({ diff: DIFF, report: 'y\n'.repeat(GITHUB_COMMENT_LIMIT) });
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain('*Cut at 65,536 characters');
  });

  test('cuts a diff that alone is too long, with no report section to close', () => {
    const body = prComment({ diff: `${DIFF}${'- `a/b.c`\n'.repeat(5000)}`, limit: 4000 });
    expect(body.length).toBeLessThanOrEqual(4000);
    expect(body).not.toContain('</details>');
    expect(body).toContain('*Cut at 4,000 characters');
  });
});

/** A base tree holding only prod-usc1's platform manifest: everything else shows as added. */
function baseWithOneManifest(dir: string): string {
  const base = mkdtempSync(join(tmpdir(), 'diff-base-'));
  mkdirSync(join(base, 'dist', 'prod-usc1'), { recursive: true });
  writeFileSync(join(base, 'dist', 'prod-usc1', 'platform.k8s.yaml'), readFileSync(join(dir, 'dist', 'prod-usc1', 'platform.k8s.yaml')));
  return base;
}

describe('gke-platform diff --comment', () => {
  test("writes the diff and the configuration's report, even when --fail-on then fails", () => {
    const { dir } = exampleProject('export const platform = example;');
    expect(cli(dir, ['synth']).status).toBe(0);
    mkdirSync(join(dir, 'report'));
    writeFileSync(join(dir, 'report', 'platform-report.md'), '# Platform `drive`\n\n![Address space](address-space.svg)\n');
    const base = baseWithOneManifest(dir);
    const result = cli(dir, ['diff', base, '--comment', 'out/comment.md', '--fail-on', 'any']);
    expect(result.status).toBe(1);
    const body = readFileSync(join(dir, 'out', 'comment.md'), 'utf8');
    expect(body.startsWith(result.stdout)).toBe(true);
    expect(body).toContain("*Picture: Address space (`address-space.svg` in the head's `report/` folder (the CI job's artifact))*");
  });

  test('is the diff alone when no report was written', () => {
    const { dir } = exampleProject('export const platform = example;');
    expect(cli(dir, ['synth', '--only', 'manifests']).status).toBe(0);
    const base = baseWithOneManifest(dir);
    const result = cli(dir, ['diff', base, '--comment', 'comment.md', '--json']);
    expect(result.status).toBe(0);
    const body = readFileSync(join(dir, 'comment.md'), 'utf8');
    expect(body.startsWith('## Synthesized output diff')).toBe(true);
    expect(body).not.toContain('<details>');
  });
});
