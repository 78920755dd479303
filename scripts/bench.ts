/**
 * `npm run bench [-- --quick] [--skip-test] [--repeats N] [--repeat-all] [--interleave] [--sizes ...] [--kinds ...]`: measures
 * library load, the bundled example, `gke-platform synth` end to end, cdktf and cdk8s synth of generated platforms
 * against a direct baseline, and `npm test`;
 * prints a table and the targets as PASS/MISS lines, and writes bench-results/latest.json.
 * Exit code 0 even when a target is missed (it is a report); 1 when the benchmark itself failed.
 */
import { formatReport, GENERATED_KINDS, GeneratedKind, runBench } from './bench/run-bench';

function parseArgs(argv: readonly string[]): { quick: boolean; skipTest: boolean; skipBaseline: boolean; repeats?: number; repeatAll: boolean; interleave: boolean; sizes?: [number, number][]; kinds?: GeneratedKind[] } {
  const known = new Set(['--quick', '--skip-test', '--skip-baseline', '--repeats', '--repeat-all', '--interleave', '--sizes', '--kinds', '--help']);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}; use --quick, --skip-test, --skip-baseline, --repeats N, --repeat-all, --interleave, --sizes CxT,..., --kinds cli,tf,...`);
  }
  if (argv.includes('--help')) {
    console.log(`usage: npm run bench -- [--quick] [--skip-test] [--skip-baseline] [--repeats N] [--repeat-all] [--interleave] [--sizes 20x1000,50x5000] [--kinds ${GENERATED_KINDS.join(',')}]`);
    process.exit(0);
  }
  const index = argv.indexOf('--repeats');
  const repeats = index >= 0 ? Number(argv[index + 1]) : undefined;
  if (repeats !== undefined && (!Number.isInteger(repeats) || repeats < 1)) throw new Error(`--repeats needs a whole number ≥ 1, got ${argv[index + 1]}`);
  const sizesAt = argv.indexOf('--sizes');
  const sizes =
    sizesAt >= 0
      ? (argv[sizesAt + 1] ?? '').split(',').map((size): [number, number] => {
          const match = /^(\d+)x(\d+)$/.exec(size);
          if (!match) throw new Error(`--sizes needs CLUSTERSxTENANTS[,...], e.g. 20x1000,50x5000; got ${size}`);
          return [Number(match[1]), Number(match[2])];
        })
      : undefined;
  const kindsAt = argv.indexOf('--kinds');
  const kinds = kindsAt >= 0 ? (argv[kindsAt + 1] ?? '').split(',') : undefined;
  const unknown = kinds?.find((k) => !(GENERATED_KINDS as readonly string[]).includes(k));
  if (kinds && (kinds.length === 0 || unknown !== undefined)) throw new Error(`--kinds takes ${GENERATED_KINDS.join(', ')}; got ${unknown ?? '(nothing)'}`);
  return {
    kinds: kinds as GeneratedKind[] | undefined,
    sizes,
    quick: argv.includes('--quick'),
    skipTest: argv.includes('--skip-test'),
    skipBaseline: argv.includes('--skip-baseline'),
    repeats,
    repeatAll: argv.includes('--repeat-all'),
    interleave: argv.includes('--interleave'),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const results = await runBench(options);
  console.log('');
  console.log(formatReport(results));
  console.log(`\nJSON: bench-results/${options.quick ? 'latest-quick.json' : 'latest.json'}`);
  if (results.errors.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
