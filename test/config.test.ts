import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../api/config.js';

describe('config', () => {
  it('works with nothing set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REPORT_DUE_DAYS).toEqual([10, 25]);
  });

  it('names the variable when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REPORT_DUE_DAYS: '10,x' })).toThrow(/REPORT_DUE_DAYS/);
    expect(() => loadConfig({ WECOM_API_BASE: 'not a url' })).toThrow(/WECOM_API_BASE/);
  });
});
