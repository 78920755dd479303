#!/usr/bin/env node
/** The `gke-platform` executable (package.json `bin`). */
import { runCli } from './main';

process.exitCode = runCli(process.argv.slice(2));
