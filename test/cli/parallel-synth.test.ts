import { spawnSync } from 'child_process';
import { join } from 'path';
import { isParallelSynth, SEQUENTIAL_ENV, SYNTH_PART_ENV } from '../../cli/parallel-synth';
import { SYNTH_PART_HEAP_FLAG, synthPartNodeArgs } from '../../cli/synth-part-flags';
import { fileTree } from '../fixtures/file-tree';
import { cli, exampleProject, ROOT } from './harness';

process.env.CHECKPOINT_DISABLE = '1';

describe('isParallelSynth', () => {
  test.each([
    [['synth'], {}, true],
    [['synth', '--config', 'x.json'], {}, true],
    [['synth', '--only', 'terraform'], {}, false],
    [['synth', '--only=manifests'], {}, false],
    [['synth', '--help'], {}, false],
    [['plan'], {}, false],
    [['synth'], { [SEQUENTIAL_ENV]: '1' }, false],
    [['synth'], { [SYNTH_PART_ENV]: 'terraform' }, false],
  ])('%j with %j: %p', (argv, env, expected) => {
    expect(isParallelSynth(argv, env)).toBe(expected);
  });
});

describe('synthPartNodeArgs', () => {
  test("gives each synth process the parent's Node options plus the heap growth cap", () => {
    expect(synthPartNodeArgs(['--import', 'tsx'])).toEqual(['--import', 'tsx', '--heap-growing-percent=50']);
    expect(SYNTH_PART_HEAP_FLAG).toBe('--heap-growing-percent=50');
  });

  test('keeps a heap growth the caller chose', () => {
    expect(synthPartNodeArgs(['--heap-growing-percent=100'])).toEqual(['--heap-growing-percent=100']);
    expect(synthPartNodeArgs(['--heap_growing_percent=20'])).toEqual(['--heap_growing_percent=20']);
  });

  test('is a flag this Node accepts, silently', () => {
    const run = spawnSync(process.execPath, [SYNTH_PART_HEAP_FLAG, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, 'ok', '']);
  });
});

describe('gke-platform synth as a process', () => {
  test('runs both sides at once and writes what the one-process synth writes, with the same summary', () => {
    const parallel = exampleProject();
    const sequential = exampleProject();
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'cli/main.ts'), 'synth'], { cwd: parallel.dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const inProcess = cli(sequential.dir, ['synth']);
    expect(run.stdout).toBe(inProcess.stdout);
    for (const out of ['cdktf.out/stacks', 'dist']) expect(fileTree(join(parallel.dir, out))).toEqual(fileTree(join(sequential.dir, out)));
  });
});
