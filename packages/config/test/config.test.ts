import { describe, expect, it } from 'vitest';
import { ConfigError, loadCliEnv, loadConfig } from '../src/index';

describe('loadConfig', () => {
  it('applies embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, NEXA_DATA_DIR: '.nexa', JOB_ATTEMPTS: 3 });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('coerces numbers and treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '8080', REDIS_URL: '' });
    expect(config.PORT).toBe(8080);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JOB_ATTEMPTS: '0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('JOB_ATTEMPTS');
  });
});

describe('loadCliEnv', () => {
  it('reads the CLI variables, empty meaning unset, and ignores the rest', () => {
    expect(loadCliEnv({ NEXA_URL: 'https://nexa.example.com', NEXA_TOKEN: '', NEXA_TRANSPORT: 'sse', PORT: 'x' })).toEqual({
      NEXA_URL: 'https://nexa.example.com',
      NEXA_TRANSPORT: 'sse',
    });
  });

  it('names a bad URL or transport', () => {
    expect(() => loadCliEnv({ NEXA_URL: 'redis://x:1', NEXA_TRANSPORT: 'pigeon' })).toThrow(ConfigError);
    try {
      loadCliEnv({ NEXA_URL: 'redis://x:1', NEXA_TRANSPORT: 'pigeon' });
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.split(':')[0])).toEqual(['NEXA_URL', 'NEXA_TRANSPORT']);
    }
  });
});

describe('AI and NCM settings', () => {
  it('default to the nexa-http provider and accept the documented values', () => {
    const config = loadConfig({});
    expect(config.AI_PROVIDER).toBe('nexa-http');
    expect(config.AI_SERVER_PORT).toBe(8000);
    const custom = loadConfig({ AI_PROVIDER: 'openai', AI_BASE_URL: 'http://127.0.0.1:9000/v1', AI_MODEL: 'local', NCM_TABLE_PATH: '/data/ncm.json' });
    expect(custom).toMatchObject({ AI_PROVIDER: 'openai', AI_BASE_URL: 'http://127.0.0.1:9000/v1', AI_MODEL: 'local', NCM_TABLE_PATH: '/data/ncm.json' });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ AI_PROVIDER: 'magic' })).toThrow(/AI_PROVIDER/);
    expect(() => loadConfig({ AI_SERVER_URL: 'ftp://x' })).toThrow(/AI_SERVER_URL/);
    expect(() => loadConfig({ AI_SERVER_TOKEN: 'short' })).toThrow(/AI_SERVER_TOKEN/);
  });
});
