#!/usr/bin/env node
/** The `gke-platform` executable (package.json `bin`). */
import { runCli } from './main';
import { isParallelSynth, runParallelSynth } from './parallel-synth';

const argv = process.argv.slice(2);
if (isParallelSynth(argv, process.env)) void runParallelSynth(__filename, argv).then((code) => (process.exitCode = code));
else process.exitCode = runCli(argv);
