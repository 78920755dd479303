/**
 * `npm run bench [-- --quick] [--skip-test] [--repeats N] [--repeat-all]`: measures library load, the bundled
 * example, cdktf and cdk8s synth of generated platforms against a direct baseline, and `npm test`;
 * prints a table and the targets as PASS/MISS lines, and writes bench-results/latest.json.
 * Exit code 0 even when a target is missed (it is a report); 1 when the benchmark itself failed.
 */
import { formatReport, runBench } from './bench/run-bench';

function parseArgs(argv: readonly string[]): { quick: boolean; skipTest: boolean; skipBaseline: boolean; repeats?: number; repeatAll: boolean } {
  const known = new Set(['--quick', '--skip-test', '--skip-baseline', '--repeats', '--repeat-all', '--help']);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}; use --quick, --skip-test, --skip-baseline, --repeats N, --repeat-all`);
  }
  if (argv.includes('--help')) {
    console.log('usage: npm run bench -- [--quick] [--skip-test] [--skip-baseline] [--repeats N] [--repeat-all]');
    process.exit(0);
  }
  const index = argv.indexOf('--repeats');
  const repeats = index >= 0 ? Number(argv[index + 1]) : undefined;
  if (repeats !== undefined && (!Number.isInteger(repeats) || repeats < 1)) throw new Error(`--repeats needs a whole number ≥ 1, got ${argv[index + 1]}`);
  return { quick: argv.includes('--quick'), skipTest: argv.includes('--skip-test'), skipBaseline: argv.includes('--skip-baseline'), repeats, repeatAll: argv.includes('--repeat-all') };
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
