import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { PlatformDefinition } from '../lib/domain/platform/platform-definition';

/** What `init` asks for; everything else in the scaffold follows from it. */
export interface ScaffoldOptions {
  /** Platform name: prefix of stacks and resources. */
  readonly name: string;
  /** The region of the first cluster. */
  readonly region: string;
  /** The manifests repository every cluster syncs. */
  readonly gitOpsRepository: string;
  /** Cloud Identity domain of the tenant groups. */
  readonly domain: string;
}

/** This package's own manifest: the scaffold pins the versions it was built and tested with. */
export interface OwnManifest {
  /** `gke-platform-cdk`. */
  readonly name: string;
  /** Its version, e.g. `0.1.0`: a registry-installed project depends on `^<version>`. */
  readonly version: string;
  /** The versions of cdktf, cdk8s and the providers the scaffold pins. */
  readonly peerDependencies: Record<string, string>;
  /** The versions of the CLIs, tsx and TypeScript the scaffold pins. */
  readonly devDependencies: Record<string, string>;
}

/** This package's manifest and the folder holding it (the installed package's root, or the checkout). */
export function ownManifest(): OwnManifest & { readonly root: string } {
  // build/cli/scaffold.js is two folders below package.json, cli/scaffold.ts one.
  const candidates = [join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', 'package.json')];
  for (const path of candidates) {
    try {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as OwnManifest;
      if (manifest.name === 'gke-platform-cdk') return { ...manifest, root: dirname(path) };
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`gke-platform-cdk's package.json not found beside ${__dirname}`);
}

/**
 * The operators' range the scaffolded cluster authorizes on its control plane: outside every address pool of the
 * scaffold; the README of the new project says to replace it with the range kubectl comes from.
 */
export const SCAFFOLD_OPS_RANGE = '192.168.0.0/24';

/** The starting definition: one project, one regional cluster with one pool, one tenant. */
export function scaffoldDefinition(options: ScaffoldOptions): PlatformDefinition {
  const project = `${options.name}-prod`;
  const cluster = `prod-${options.region.replace(/^([a-z]+)-([a-z]+)([0-9]+)$/, (_, a: string, b: string, n: string) => `${a.slice(0, 2)}${b.slice(0, 1)}${n}`)}`;
  return {
    name: options.name,
    organization: { name: options.name, domain: options.domain },
    projects: [{ id: project, description: 'Network and clusters' }],
    regions: [options.region],
    network: { name: `${options.name}-vpc`, project },
    addressPools: [
      { name: 'nodes', cidr: '10.0.0.0/16', description: 'GKE node subnets' },
      { name: 'pods', cidr: '100.64.0.0/14', description: 'GKE pod ranges' },
      { name: 'services', cidr: '100.68.0.0/16', description: 'GKE services ranges' },
      { name: 'control-plane', cidr: '172.16.0.0/24', description: 'GKE control-plane /28s' },
      { name: 'bgp-links', cidr: '169.254.0.0/24', kind: 'link-local', description: 'BGP /30s, for when a hybrid link is added' },
    ],
    poolAssignment: { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane', bgpLinks: 'bgp-links' },
    clusters: [
      {
        name: cluster,
        project,
        region: options.region,
        environment: 'prod',
        maxNodes: 30,
        maxPodsPerNode: 32,
        // Who may reach the private control plane besides the cluster itself: your operators' range (replace it).
        authorizedNetworks: [{ name: 'ops-vpn', cidr: SCAFFOLD_OPS_RANGE }],
        nodePools: [{ name: 'general', kind: 'general', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 24 }],
      },
    ],
    tenants: [
      {
        name: 'team-a',
        groups: { admin: `team-a-admins@${options.domain}`, developer: `team-a-dev@${options.domain}` },
        clusters: [cluster],
        isolation: 'shared',
        labels: { team: 'team-a', environment: 'prod', costCenter: 'cc-0000' },
      },
    ],
    gitOps: { repository: { url: options.gitOpsRepository, branch: 'main' } },
  };
}

/**
 * The files of a new platform project, by path, relative to its folder (the lock file is written by init itself).
 * `packageSpec` is how its package.json names gke-platform-cdk (`^<version>` from a registry,
 * `file:vendor/<tarball>` from a tarball init copied into the project).
 */
export function scaffoldFiles(options: ScaffoldOptions, folderName: string, packageSpec = `^${ownManifest().version}`): Record<string, string> {
  const own = ownManifest();
  const peers = own.peerDependencies;
  const dev = own.devDependencies;
  const definition = scaffoldDefinition(options);
  const packageJson = {
    name: folderName,
    version: '0.1.0',
    private: true,
    description: `The ${options.name} GKE platform: its definition, IP plan, Terraform stacks and per-cluster manifests`,
    scripts: {
      synth: 'gke-platform synth',
      plan: 'gke-platform plan',
      report: 'gke-platform report',
      diff: 'gke-platform diff',
      test: 'tsc --noEmit && tsx --test test/platform.test.ts',
    },
    gkePlatform: { definition: 'platform/platform.ts', lockFile: 'platform/ip-plan.lock.json' },
    dependencies: {
      [own.name]: packageSpec,
      '@cdktf/provider-google': peers['@cdktf/provider-google'],
      '@cdktf/provider-random': peers['@cdktf/provider-random'],
      cdk8s: peers.cdk8s,
      'cdk8s-plus-33': peers['cdk8s-plus-33'],
      cdktf: peers.cdktf,
      constructs: peers.constructs,
    },
    devDependencies: {
      '@types/node': dev['@types/node'],
      'cdk8s-cli': dev['cdk8s-cli'],
      'cdktf-cli': dev['cdktf-cli'],
      tsx: dev.tsx,
      typescript: dev.typescript,
    },
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'platform/platform.ts': definitionSource(definition),
    'cdktf.json': `${JSON.stringify({ language: 'typescript', app: 'npx gke-platform synth --only terraform', projectId: `${options.name}-platform`, sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`,
    'cdk8s.yaml': '# cdk8s app: the per-cluster manifests, written to dist/<cluster>/ (the same as `gke-platform synth --only manifests`).\nlanguage: typescript\napp: npx gke-platform synth --only manifests\noutput: dist\n',
    'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node', lib: ['ES2022'], strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true, types: ['node'] }, include: ['platform/**/*.ts', 'test/**/*.ts'] }, null, 2)}\n`,
    'test/platform.test.ts': TEST_SOURCE,
    'ci.sh': CI_SCRIPT,
    '.gitignore':
      'node_modules/\ncdktf.out/\nreport/\n# the incremental synth cache: safe to delete.\n.gke-platform-cache/\n.terraform/\n*.tfstate*\n# dist/ holds the manifests the clusters sync: commit it, or publish it to the GitOps repository from CI.\n',
    'README.md': readme(options, definition),
  };
}

function definitionSource(definition: PlatformDefinition): string {
  return `import type { PlatformDefinition } from 'gke-platform-cdk';

/**
 * The ${definition.name} platform, as plain typed data: every command of \`npx gke-platform\` reads it
 * (package.json's "gkePlatform" field points here). Change it, then \`npx gke-platform plan --write\`
 * records any new address ranges in ip-plan.lock.json beside it (commit both).
 */
export const platform: PlatformDefinition = ${typescriptLiteral(definition, '')};
`;
}

/** Widest line the scaffold writes: shorter objects and lists stay on one line. */
const LINE_WIDTH = 110;

/** A value as a TypeScript literal: single quotes, bare keys, one line when it fits, else one entry per line. */
function typescriptLiteral(value: unknown, indent: string, prefix = 0): string {
  const inline = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    if (v && typeof v === 'object')
      return `{ ${Object.entries(v)
        .map(([k, x]) => `${key(k)}: ${inline(x)}`)
        .join(', ')} }`;
    return typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v);
  };
  const flat = inline(value);
  if (indent.length + prefix + flat.length <= LINE_WIDTH || !value || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  const entries = Array.isArray(value) ? value.map((v) => `${inner}${typescriptLiteral(v, inner)}`) : Object.entries(value).map(([k, v]) => `${inner}${key(k)}: ${typescriptLiteral(v, inner, key(k).length + 2)}`);
  return Array.isArray(value) ? `[\n${entries.join(',\n')},\n${indent}]` : `{\n${entries.join(',\n')},\n${indent}}`;
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name}'`;
}

const TEST_SOURCE = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'path';
import { loadPlatformProject } from 'gke-platform-cdk';

// The project as every gke-platform command loads it: package.json's "gkePlatform" field, the definition module
// with its \`addOns\` export, the lock files frozen (a range or tenant they lack is an error, as in CI).
const project = join(__dirname, '..');

test('the definition and its add-ons are valid, and every range and tenant it needs is recorded', () => {
  const { platform } = loadPlatformProject(project);
  assert.equal(platform.ipPlan.newAllocations.length, 0);
  assert.equal(platform.recordedTenants.length, 0);
});

test('every tenant runs on a declared cluster', () => {
  const { platform } = loadPlatformProject(project);
  const clusters = new Set(platform.plan.clusters.map((c) => c.name));
  for (const tenant of platform.plan.tenants) for (const cluster of tenant.clusters) assert.ok(clusters.has(cluster), \`\${tenant.name} names \${cluster}\`);
});
`;

const CI_SCRIPT = `#!/bin/sh
# CI for the platform: a frozen IP plan, the tests, a synth that must succeed, and the reviewer report.
set -eu
export CI=true
npm ci
npx gke-platform plan --check
npm test
npx gke-platform synth
npx gke-platform report
`;

function readme(options: ScaffoldOptions, definition: PlatformDefinition): string {
  return `# ${options.name} platform

Built with [gke-platform-cdk](https://www.npmjs.com/package/gke-platform-cdk). The definition is
\`platform/platform.ts\`; its address ranges are recorded in \`platform/ip-plan.lock.json\`.

\`\`\`sh
npm install && npm run synth      # install, then write cdktf.out/ (Terraform) and dist/${definition.clusters[0].name}/ (manifests)
npm test                          # type check and the definition's tests
npx gke-platform plan --write     # after adding a cluster: record its ranges, then commit the lock file
npx gke-platform report           # report/platform-report.md and report/address-space.svg for a pull request
npx gke-platform diff main        # what changed against a git revision (or a synthesized folder; --fail-on replace in CI)
\`\`\`

Add-ons: enable one in the definition (\`addOns: [{ name: 'istio' }]\`) and export its code beside \`platform\`
(\`import { istioAddOn } from 'gke-platform-cdk'; export const addOns = [istioAddOn];\`). Every command and the test
load the project the same way (\`loadPlatformProject\`), so both see the add-on.

Before the first deploy, replace the cluster's \`authorizedNetworks\` entry \`ops-vpn\` (${SCAFFOLD_OPS_RANGE}) with the
ranges kubectl comes from: the control plane is private and admits only those (and the cluster's own nodes and pods).

Every command has \`--help\`. Deploy with \`npx cdktf deploy '*'\` (Terraform 1.5+, \`gcloud auth application-default login\`);
the clusters sync \`dist/<cluster>/\` from ${options.gitOpsRepository}. \`ci.sh\` is the CI script.
`;
}
