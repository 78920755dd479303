/**
 * One temporary folder per test run, removed when the run ends. Tests, cdktf's and cdk8s' Testing apps and the CLIs
 * the tests spawn all create folders with `os.tmpdir()` (a cdktf test app without an outdir makes one per app: about
 * 12,000 per run); pointing TMPDIR at this folder in the jest process, before the workers start, puts every one of
 * them under it, with nothing to clean up test by test.
 */
const { mkdirSync, mkdtempSync, rmSync, symlinkSync } = require('fs');
const { tmpdir, userInfo } = require('os');
const { join } = require('path');

const ROOT_ENV = 'GKE_PLATFORM_TEST_TMPDIR';

/** jest globalSetup: creates the run's folder and makes it the tmpdir of this process and of every worker and child. */
async function setup() {
  const outer = tmpdir();
  const root = mkdtempSync(join(outer, 'gke-platform-test-'));
  // tsx keeps its compile cache in <tmpdir>/tsx-<uid>: link the shared one so the CLIs the tests spawn stay warm.
  const tsxCacheName = `tsx-${process.geteuid ? process.geteuid() : userInfo().username}`;
  mkdirSync(join(outer, tsxCacheName), { recursive: true });
  symlinkSync(join(outer, tsxCacheName), join(root, tsxCacheName));
  process.env[ROOT_ENV] = root;
  process.env.TMPDIR = root;
}

/** jest globalTeardown: removes the run's folder (the tsx link, not the shared cache it points to). */
async function teardown() {
  const root = process.env[ROOT_ENV];
  if (root) rmSync(root, { recursive: true, force: true });
}

module.exports = { setup, teardown };
