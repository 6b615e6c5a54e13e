import { describe, expect, it } from 'vitest';
import { plan, SYSTEM_PACKAGES, type Facts } from './system-deps.ts';

const machine = (over: Partial<Facts>): Facts => ({
  missing: [],
  hasDpkg: true,
  hasApt: true,
  isRoot: true,
  skip: false,
  ...over,
});

describe('system-deps: from the missing packages to what npm test does first', () => {
  it('does nothing when every package is there', () => {
    expect(plan(machine({}))).toEqual({ action: 'none' });
  });

  it('as root with apt: apt-get update once, then installs only the missing ones without recommends', () => {
    expect(plan(machine({ missing: ['chromium', 'poppler-utils'] }))).toEqual({
      action: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'poppler-utils'],
      ],
    });
  });

  it('without root, or without apt: stops with the one command to run', () => {
    for (const f of [
      machine({ missing: ['gdal-bin'], isRoot: false }),
      machine({ missing: ['gdal-bin'], hasApt: false }),
    ]) {
      const p = plan(f);
      expect(p.action).toBe('stop');
      expect(p.action === 'stop' && p.message).toContain(
        'apt-get update && apt-get install -y --no-install-recommends gdal-bin',
      );
    }
  });

  it('on a system without dpkg: stops, naming every package and the variable that skips the check', () => {
    const p = plan(machine({ hasDpkg: false }));
    expect(p.action).toBe('stop');
    for (const pkg of SYSTEM_PACKAGES) expect(p.action === 'stop' && p.message).toContain(pkg);
    expect(p.action === 'stop' && p.message).toContain('ATLAS_SKIP_SYSTEM_DEPS=1');
  });

  it('ATLAS_SKIP_SYSTEM_DEPS skips it, whatever is missing', () => {
    expect(plan(machine({ skip: true, missing: ['chromium'], isRoot: false }))).toEqual({ action: 'skip' });
  });

  it('lists the packages the suite needs today', () => {
    expect([...SYSTEM_PACKAGES]).toEqual([
      'chromium',
      'postgresql-15-postgis-3',
      'gdal-bin',
      'fonts-noto-core',
      'poppler-utils',
      // test/helpers/basemap-archives.ts builds the basemap test archives from an OSM extract
      'tilemaker',
      'osmium-tool',
      // test/integration/processes.test.ts puts docs/deploy/atlas.nginx.conf in front of two servers
      'nginx-light',
    ]);
  });
});
