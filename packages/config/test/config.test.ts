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

describe('security settings', () => {
  const strongSecret = 'q8Z2v7LmN4xR9tK1pW6yB3cF5hJ0sD8aE2gU7iO4';

  it('refuses to start in production with a missing, short or default JWT secret, without echoing it', () => {
    for (const [secret, reason] of [
      [undefined, 'required'],
      ['short-secret', 'at least 32'],
      ['changeme-changeme-changeme-changeme-1', 'default'],
      ['a'.repeat(40), 'default'],
    ] as const) {
      let caught: unknown;
      try {
        loadConfig({ NODE_ENV: 'production', ...(secret ? { JWT_SECRET: secret } : {}) });
      } catch (error) {
        caught = error;
      }
      expect(caught, String(secret)).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).message).toContain('JWT_SECRET');
      expect((caught as ConfigError).message).toContain(reason);
      if (secret) expect((caught as ConfigError).message).not.toContain(secret);
    }
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret }).JWT_SECRET).toBe(strongSecret);
  });

  it('allows development without a JWT secret and has secure defaults', () => {
    const config = loadConfig({});
    expect(config.JWT_SECRET).toBeUndefined();
    expect(config).toMatchObject({ REGISTRATION_ENABLED: true, ACCESS_TOKEN_TTL_SECONDS: 900, SUBMIT_RATE_LIMIT_PER_MINUTE: 60, CORS_ORIGINS: [] });
  });

  it('parses flags and origin lists, and wants both admin bootstrap variables', () => {
    expect(loadConfig({ REGISTRATION_ENABLED: 'false', CORS_ORIGINS: 'https://a.example, https://b.example' })).toMatchObject({
      REGISTRATION_ENABLED: false,
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
    });
    expect(() => loadConfig({ REGISTRATION_ENABLED: 'maybe' })).toThrow(/REGISTRATION_ENABLED/);
    expect(() => loadConfig({ NEXA_ADMIN_EMAIL: 'root@example.com' })).toThrow(/NEXA_ADMIN_PASSWORD/);
    let caught: ConfigError | undefined;
    try {
      loadConfig({ NEXA_ADMIN_EMAIL: 'root@example.com', NEXA_ADMIN_PASSWORD: 'short' });
    } catch (error) {
      caught = error as ConfigError;
    }
    expect(caught?.message).toContain('NEXA_ADMIN_PASSWORD');
    expect(caught?.message).not.toContain('short"');
  });

  it('keeps the batch item budget at least as large as one full batch', () => {
    expect(loadConfig({})).toMatchObject({ BATCH_ITEM_RATE_LIMIT_PER_MINUTE: 20_000, BATCH_MAX_ITEMS: 10_000 });
    expect(() => loadConfig({ BATCH_MAX_ITEMS: '100', BATCH_ITEM_RATE_LIMIT_PER_MINUTE: '99' })).toThrow(/BATCH_ITEM_RATE_LIMIT_PER_MINUTE: must be at least BATCH_MAX_ITEMS/);
    expect(loadConfig({ BATCH_MAX_ITEMS: '100', BATCH_ITEM_RATE_LIMIT_PER_MINUTE: '100' }).BATCH_ITEM_RATE_LIMIT_PER_MINUTE).toBe(100);
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
