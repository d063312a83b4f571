import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, transportWarnings } from './config';

const off = { CDS_AUTH: 'off' };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('loadConfig', () => {
  it.each([
    ['the Kubernetes example placeholder', 'CHANGE-ME-to-a-long-random-token', /placeholder/],
    ['one character repeated', 'a'.repeat(40), /too guessable/],
    ['two characters alternating', 'ab'.repeat(20), /too guessable/],
    ['a short token', 'short', /at least 24/],
  ])('refuses an ADMIN_TOKEN that is %s', (_name, token, message) => {
    expect(problemsOf({ ...off, ADMIN_TOKEN: token }).join('\n')).toMatch(message);
  });

  it('accepts a random ADMIN_TOKEN', () => {
    expect(loadConfig({ ...off, ADMIN_TOKEN: '3f9a1c7e5b2d8046af13ce79b5d2e804' }).adminToken).toBe(
      '3f9a1c7e5b2d8046af13ce79b5d2e804',
    );
  });

  it('requires PUBLIC_URL in production when EHR JWTs are checked', () => {
    const env = { NODE_ENV: 'production', CDS_AUTH: 'on' };
    expect(problemsOf(env).join('\n')).toMatch(/PUBLIC_URL: required in production/);
    expect(problemsOf({ NODE_ENV: 'production', CDS_AUTH: 'off' })).toEqual([]);
  });

  it.each([
    ['10mb', 10 * 1024 * 1024],
    ['500kb', 500 * 1024],
    ['2048b', 2048],
    ['64MB', 64 * 1024 * 1024],
  ])('reads CDS_BODY_LIMIT=%s as %i bytes', (raw, bytes) => {
    expect(loadConfig({ ...off, CDS_BODY_LIMIT: raw }).bodyLimit).toBe(bytes);
  });

  it('says what a size must look like', () => {
    expect(problemsOf({ ...off, CDS_BODY_BUDGET: 'lots' }).join('\n')).toMatch(
      /CDS_BODY_BUDGET: a size such as 5mb/,
    );
  });
});

describe('transportWarnings', () => {
  const warn = (databaseUrl?: string, redisUrl?: string): string[] =>
    transportWarnings({ databaseUrl, redisUrl });

  it('warns of PostgreSQL on another host without certificate checks', () => {
    expect(warn('postgres://u:secret@db.example.org:5432/d').join()).toMatch(
      /DATABASE_URL: .*sslmode=unset.*verify-full/,
    );
    expect(warn('postgres://u:secret@db.example.org/d?sslmode=require').join()).toMatch(
      /sslmode=require/,
    );
  });

  it('accepts verified TLS to PostgreSQL, and any local PostgreSQL', () => {
    expect(warn('postgres://u:p@db.example.org/d?sslmode=verify-full&sslrootcert=/ca.crt')).toEqual(
      [],
    );
    expect(warn('postgres://postgres@127.0.0.1:5432/test')).toEqual([]);
  });

  it('warns of Redis on another host without TLS or a password, never quoting the URL', () => {
    const warnings = warn(undefined, 'redis://redis.example.org:6379');
    expect(warnings).toHaveLength(2);
    expect(warnings.join()).toMatch(/rediss:\/\//);
    expect(warn(undefined, 'redis://:s3cret-pass@redis.example.org:6379').join()).not.toMatch(
      /s3cret-pass/,
    );
    expect(warn(undefined, 'rediss://:s3cret-pass@redis.example.org:6380')).toEqual([]);
    expect(warn(undefined, 'redis://127.0.0.1:6379')).toEqual([]);
  });
});
