import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('fills defaults and converts types', () => {
    const c = loadConfig({ PORT: '8080', DEMO_DATA: 'false' });
    expect(c.PORT).toBe(8080);
    expect(c.DEMO_DATA).toBe(false);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('reads DEMO as a short name of DEMO_DATA, the full name winning', () => {
    expect(loadConfig({ DEMO: 'false' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DEMO: 'false', DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
    expect(loadConfig({}).DEMO_DATA).toBe(true);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO_DATA="maybe"/);
  });
  it('names every invalid variable and what it accepts', () => {
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/PORT="abc"/);
      expect(problems.join('\n')).toMatch(/LOG_LEVEL="loud": must be one of fatal, error/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    }
  });
});

describe('removed variables', () => {
  it('stops on BASEMAP_STYLE_URL, which nothing reads, and says what replaces it', () => {
    expect(() => loadConfig({ BASEMAP_STYLE_URL: 'http://tiles.local/style.json' })).toThrow(
      /BASEMAP_STYLE_URL.*BASEMAP_PATH/s,
    );
    expect(loadConfig({ BASEMAP_STYLE_URL: '' }).BASEMAP_PATH).toBeUndefined();
    expect(loadConfig({ BASEMAP_PATH: './maps' }).BASEMAP_PATH).toBe('./maps');
  });
});
