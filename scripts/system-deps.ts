/**
 * The Debian packages the test suite needs, in one list, checked before any test runs (`npm test`
 * calls this first, as `pretest`; `.ci/run` calls it too). Run as root on a machine with apt, it
 * installs what is missing (`apt-get update` once, then `apt-get install --no-install-recommends`),
 * saying what it does; otherwise it stops before the tests with the one command to run.
 * ATLAS_SKIP_SYSTEM_DEPS=1 skips it, for people who manage their packages themselves.
 *
 * An issue that adds a system tool to the tests adds its package here.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const SYSTEM_PACKAGES = [
  'chromium', // browser tests (test/e2e), /usr/bin/chromium
  'postgresql-15-postgis-3', // integration tests on a real PostGIS (.ci/run starts a throwaway cluster)
  'gdal-bin', // ogr2ogr / ogrinfo: boundary import references and benchmarks
  'fonts-noto-core', // Vietnamese text in browser screenshots and exports
  'poppler-utils', // pdftotext / pdftoppm: the exported PDFs are read back
  'tilemaker', // builds the basemap test archive (MBTiles, OpenMapTiles schema) from an OSM file
  'osmium-tool', // turns the basemap test's OSM XML into the PBF tilemaker reads
  'nginx-light', // the load balancer of docs/deploy.md in front of two server processes (processes.test.ts)
] as const;

export interface Facts {
  /** Packages of the list that are not installed. */
  missing: readonly string[];
  /** dpkg is there to ask (a Debian or Ubuntu system). */
  hasDpkg: boolean;
  hasApt: boolean;
  isRoot: boolean;
  skip: boolean;
}

export type Plan =
  | { action: 'skip' }
  | { action: 'none' }
  | { action: 'install'; commands: string[][] }
  | { action: 'stop'; message: string };

export const installCommand = (missing: readonly string[]) => [
  'apt-get',
  'install',
  '-y',
  '--no-install-recommends',
  ...missing,
];

/** What to do, from what the machine is like. Pure: unit-tested in system-deps.test.ts. */
export function plan(f: Facts): Plan {
  if (f.skip) return { action: 'skip' };
  if (!f.hasDpkg) {
    return {
      action: 'stop',
      message:
        `Không kiểm tra được gói hệ thống (không phải Debian/Ubuntu) / cannot check system packages here (no dpkg).\n` +
        `Install the equivalents of: ${SYSTEM_PACKAGES.join(' ')}\n` +
        `then run the tests with ATLAS_SKIP_SYSTEM_DEPS=1.`,
    };
  }
  if (!f.missing.length) return { action: 'none' };
  if (f.isRoot && f.hasApt) return { action: 'install', commands: [['apt-get', 'update'], installCommand(f.missing)] };
  return {
    action: 'stop',
    message:
      `Thiếu gói hệ thống cho bộ kiểm thử / the test suite needs these Debian packages: ${f.missing.join(' ')}\n` +
      `Run as root:\n\n  ${['apt-get update &&', ...installCommand(f.missing)].join(' ')}\n\n` +
      `(or set ATLAS_SKIP_SYSTEM_DEPS=1 if you provide them another way).`,
  };
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function installed(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

export function facts(env: NodeJS.ProcessEnv = process.env): Facts {
  const hasDpkg = has('dpkg-query');
  return {
    missing: hasDpkg ? SYSTEM_PACKAGES.filter((p) => !installed(p)) : [],
    hasDpkg,
    hasApt: has('apt-get'),
    isRoot: process.getuid?.() === 0,
    skip: env.ATLAS_SKIP_SYSTEM_DEPS === '1' || env.ATLAS_SKIP_SYSTEM_DEPS === 'true',
  };
}

function main(): number {
  const f = facts();
  const p = plan(f);
  if (p.action === 'skip') {
    console.log('[system-deps] ATLAS_SKIP_SYSTEM_DEPS is set: not checking system packages');
    return 0;
  }
  if (p.action === 'none') {
    console.log(`[system-deps] ok: ${SYSTEM_PACKAGES.join(', ')}`);
    return 0;
  }
  if (p.action === 'stop') {
    console.error(`[system-deps] ${p.message}`);
    return 1;
  }
  console.log(`[system-deps] installing the missing packages: ${f.missing.join(' ')}`);
  for (const cmd of p.commands) {
    console.log(`[system-deps] $ ${cmd.join(' ')}`);
    const r = spawnSync(cmd[0]!, cmd.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) {
      console.error(`[system-deps] failed (exit ${r.status}): ${cmd.join(' ')}`);
      return 1;
    }
  }
  const still = SYSTEM_PACKAGES.filter((pkg) => !installed(pkg));
  if (still.length) {
    console.error(`[system-deps] still missing after the install: ${still.join(' ')}`);
    return 1;
  }
  console.log('[system-deps] done');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
