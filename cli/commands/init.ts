import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { loadPlatform } from '../../lib/platform/load-platform';
import { PLATFORM_NAME } from '../../lib/domain/naming/naming-rules';
import { CliError } from '../cli-error';
import { Command, parseCommandArgs } from '../command';
import { DEFAULT_COMMAND } from '../config';
import { originFromSpec, PackageOrigin, packageOrigin } from '../package-origin';
import { ownManifest, scaffoldDefinition, scaffoldFiles, ScaffoldOptions } from '../scaffold';

/** Files a fresh clone or `git init` leaves that do not make a folder "used". */
const IGNORED_ENTRIES = new Set(['.git', '.DS_Store']);

export const initCommand: Command = {
  name: 'init',
  summary: 'start a new platform project in an empty folder',
  help: `usage: gke-platform init --gitops-repo URL [--name NAME] [--region REGION] [--domain DOMAIN] [--package-source SPEC]

Writes a platform project into the current (empty) folder: package.json (with the "gkePlatform" field every
command reads), platform/platform.ts (one cluster, one tenant), platform/ip-plan.lock.json (its ranges),
cdktf.json, cdk8s.yaml, tsconfig.json, test/platform.test.ts, ci.sh and a README. Then:
  npm install && npm run synth
When gke-platform-cdk itself came from a tarball (\`npx --package=<tgz> gke-platform init\`), the tarball is copied
to vendor/ and package.json depends on it there (commit it): no registry serves a packed build.

  --gitops-repo URL  the repository the clusters sync their manifests from (required: no example default)
  --name NAME        platform name, prefix of stacks and resources (default: the folder's name)
  --region REGION    region of the first cluster (default: us-central1)
  --domain DOMAIN    Cloud Identity domain of the tenant groups (default: example.com; change it)
  --package-source SPEC
                     how package.json names gke-platform-cdk: a registry range (e.g. ^0.1.0) or a tarball path
                     (copied to vendor/) (default: the tarball this CLI was installed from, else ^<its version>)
  -h, --help         this text`,
  run(argv, context) {
    const { values } = parseCommandArgs('init', argv, { 'gitops-repo': { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, domain: { type: 'string' }, 'package-source': { type: 'string' } });
    if (values.help) return (context.out(`${this.help}\n`), 0);
    const folderName = basename(context.cwd)
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
    const used = readdirSync(context.cwd).filter((entry) => !IGNORED_ENTRIES.has(entry));
    if (used.length > 0) throw new CliError(`${context.cwd} is not empty (${used.slice(0, 5).join(', ')}${used.length > 5 ? ', ...' : ''})`, `run \`${DEFAULT_COMMAND} init\` in a new, empty folder`);
    if (!values['gitops-repo']) throw new CliError('--gitops-repo is required: the repository every cluster syncs its manifests from', `e.g. \`${DEFAULT_COMMAND} init --gitops-repo https://github.com/<org>/<platform>-manifests.git\``);
    const name =
      values.name ??
      folderName
        .replace(/^[^a-z]+/, '')
        .slice(0, 20)
        .replace(/-+$/, '');
    if (!PLATFORM_NAME.test(name)) throw new CliError(`platform name ${JSON.stringify(name)} is not lower-case letters, digits and hyphens, starting with a letter, at most 20 characters`, 'pass --name, e.g. --name acme');
    const options: ScaffoldOptions = { name, region: values.region ?? 'us-central1', gitOpsRepository: values['gitops-repo'], domain: values.domain ?? 'example.com' };
    // Validate and plan before writing anything: a bad --region or URL leaves the folder empty.
    const lockFile = join(context.cwd, 'platform', 'ip-plan.lock.json');
    const definition = scaffoldDefinition(options);
    const own = ownManifest();
    const origin = values['package-source'] !== undefined ? originFromSpec(values['package-source'], context.cwd) : packageOrigin(own.root);
    if (origin.kind === 'tarball' && !existsSync(origin.path)) throw new CliError(`--package-source ${values['package-source']}: no such tarball`, 'give the path of the .tgz that `npm pack` wrote, or a registry range such as ^0.1.0');
    const vendored = origin.kind === 'tarball' ? `vendor/${basename(origin.path)}` : undefined;
    const files = scaffoldFiles(options, folderName || name, packageSpec(origin, own.version, vendored));
    loadPlatform(definition, { lockFile, frozen: false, record: false, log: () => undefined });
    for (const [path, text] of Object.entries(files)) {
      const target = join(context.cwd, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    chmodSync(join(context.cwd, 'ci.sh'), 0o755);
    if (origin.kind === 'tarball' && vendored) {
      mkdirSync(join(context.cwd, 'vendor'), { recursive: true });
      copyFileSync(origin.path, join(context.cwd, vendored));
    }
    const loaded = loadPlatform(definition, { lockFile, frozen: false, record: true, log: () => undefined, planCommand: `${DEFAULT_COMMAND} plan` });
    if (!existsSync(lockFile)) throw new Error(`init did not write ${lockFile}`);
    context.out(
      [
        `init: wrote platform ${name} (${Object.keys(files).length + 2} files; ${loaded.recorded.length} ranges recorded in platform/ip-plan.lock.json, ${loaded.recordedTenants.length} tenant(s) in platform/tenant-states.lock.json)`,
        ...(vendored ? [`init: gke-platform-cdk comes from the tarball ${origin.kind === 'tarball' ? origin.path : ''}, copied to ${vendored} (package.json: "file:${vendored}"); commit it`] : []),
        '',
        'next:',
        '  edit platform/platform.ts (projects, regions, clusters, tenants; the domain of the groups)',
        '  npm install && npm run synth',
        `  ${DEFAULT_COMMAND} plan --write    # after changes that need new ranges or add tenants; commit both lock files`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

/** The project's dependency on gke-platform-cdk: the vendored tarball, the range given, or `^<version>`. */
function packageSpec(origin: PackageOrigin | { readonly kind: 'range'; readonly range: string }, version: string, vendored: string | undefined): string {
  if (origin.kind === 'tarball') return `file:${vendored}`;
  if (origin.kind === 'range') return origin.range;
  return `^${version}`;
}
