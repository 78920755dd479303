/**
 * `npm run bench [-- --quick] [--skip-test] [--repeats N] [--repeat-all] [--interleave]`: measures library load, the bundled
 * example, cdktf and cdk8s synth of generated platforms against a direct baseline, and `npm test`;
 * prints a table and the targets as PASS/MISS lines, and writes bench-results/latest.json.
 * Exit code 0 even when a target is missed (it is a report); 1 when the benchmark itself failed.
 */
import { formatReport, runBench } from './bench/run-bench';

function parseArgs(argv: readonly string[]): { quick: boolean; skipTest: boolean; skipBaseline: boolean; repeats?: number; repeatAll: boolean; interleave: boolean; sizes?: [number, number][] } {
  const known = new Set(['--quick', '--skip-test', '--skip-baseline', '--repeats', '--repeat-all', '--interleave', '--sizes', '--help']);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}; use --quick, --skip-test, --skip-baseline, --repeats N, --repeat-all, --interleave, --sizes CxT,...`);
  }
  if (argv.includes('--help')) {
    console.log('usage: npm run bench -- [--quick] [--skip-test] [--skip-baseline] [--repeats N] [--repeat-all] [--interleave] [--sizes 20x1000,50x5000]');
    process.exit(0);
  }
  const index = argv.indexOf('--repeats');
  const repeats = index >= 0 ? Number(argv[index + 1]) : undefined;
  if (repeats !== undefined && (!Number.isInteger(repeats) || repeats < 1)) throw new Error(`--repeats needs a whole number ≥ 1, got ${argv[index + 1]}`);
  const sizesAt = argv.indexOf('--sizes');
  const sizes = sizesAt >= 0 ? (argv[sizesAt + 1] ?? '').split(',').map((size): [number, number] => {
    const match = /^(\d+)x(\d+)$/.exec(size);
    if (!match) throw new Error(`--sizes needs CLUSTERSxTENANTS[,...], e.g. 20x1000,50x5000; got ${size}`);
    return [Number(match[1]), Number(match[2])];
  }) : undefined;
  return { sizes, quick: argv.includes('--quick'), skipTest: argv.includes('--skip-test'), skipBaseline: argv.includes('--skip-baseline'), repeats, repeatAll: argv.includes('--repeat-all'), interleave: argv.includes('--interleave') };
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
