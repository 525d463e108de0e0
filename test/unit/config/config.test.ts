import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

function yamlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'glance-config-')), 'glance.yaml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has Glance’s defaults, vhdx among the disk formats', () => {
    const config = loadConfig({ env: {} });
    expect(config.disk_formats).toEqual(['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']);
    expect(config).toMatchObject({
      host: '127.0.0.1', port: 4000, data_dir: './data', show_multiple_locations: false, limit_param_default: 25,
      api_limit_max: 1000, task_time_to_live: 48, image_location_quota: 10, image_size_cap: 1024 ** 4, user_storage_quota: 0,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads a YAML file and lets GLANCE_* variables override it, lists comma-separated', () => {
    const file = yamlFile('show_multiple_locations: true\ndisk_formats: [raw, qcow2]\nimage_tag_quota: 5\n');
    const config = loadConfig({ file, env: { GLANCE_DISK_FORMATS: 'raw, vhdx', GLANCE_ALLOWED_PORTS: '80,8080', GLANCE_TASK_TIME_TO_LIVE: '0.001' } });
    expect(config).toMatchObject({ show_multiple_locations: true, disk_formats: ['raw', 'vhdx'], image_tag_quota: 5, allowed_ports: [80, 8080], task_time_to_live: 0.001 });
  });

  it('takes cors_allowed_origin as a list of exact origins, none by default', () => {
    expect(loadConfig({ env: {} }).cors_allowed_origin).toEqual([]);
    const config = loadConfig({ env: { GLANCE_CORS_ALLOWED_ORIGIN: 'https://app.example.com, http://localhost:5173' } });
    expect(config.cors_allowed_origin).toEqual(['https://app.example.com', 'http://localhost:5173']);
    for (const value of ['https://app.example.com/', 'app.example.com', 'https://app.example.com/path', '*']) {
      expect(problemsOf(() => loadConfig({ env: { GLANCE_CORS_ALLOWED_ORIGIN: value } })).join(' '), value).toMatch(/cors_allowed_origin.*must be an origin/);
    }
  });

  it('reads user_storage_quota with Glance’s units', () => {
    expect(loadConfig({ env: { GLANCE_USER_STORAGE_QUOTA: '10GB' } }).user_storage_quota).toBe(10 * 1024 ** 3);
    expect(loadConfig({ env: { GLANCE_USER_STORAGE_QUOTA: '512' } }).user_storage_quota).toBe(512);
  });

  it('stops on bad values with a message naming each key (and the variable it came from)', () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { GLANCE_PORT: 'http', GLANCE_DISK_FORMATS: 'raw,floppy', GLANCE_SHOW_MULTIPLE_LOCATIONS: 'perhaps', GLANCE_USER_STORAGE_QUOTA: '5 GB' } }),
    );
    expect(problems.join('\n')).toMatch(/^port \(from GLANCE_PORT\)/m);
    expect(problems.join('\n')).toMatch(/^disk_formats\.1 \(from GLANCE_DISK_FORMATS\)/m);
    expect(problems.join('\n')).toMatch(/^show_multiple_locations/m);
    expect(problems.join('\n')).toMatch(/^user_storage_quota/m);
  });

  it('takes database_url as sqlite:PATH or a PostgreSQL URL and refuses any other, naming the key', () => {
    for (const url of ['sqlite:/var/lib/glance/glance.sqlite', 'postgresql://glance:secret@db:5433/glance', 'postgres://glance@db/glance']) {
      expect(loadConfig({ env: { GLANCE_DATABASE_URL: url } }).database_url).toBe(url);
    }
    for (const url of ['mysql://glance@db/glance', 'postgresql://db/glance', 'postgresql://glance@db/', '/var/lib/glance/glance.sqlite', '']) {
      const problems = problemsOf(() => loadConfig({ file: yamlFile(`database_url: "${url}"\n`), env: {} }));
      expect(problems).toEqual(['database_url: must be sqlite:PATH or postgresql://USER[:PASS]@HOST[:PORT]/DB']);
    }
  });

  it('takes workers as a number of processes or auto (one per CPU, at most 8) and refuses anything else', () => {
    expect(loadConfig({ env: {} }).workers).toBe(1);
    expect(loadConfig({ env: { GLANCE_WORKERS: '3' } }).workers).toBe(3);
    expect(loadConfig({ env: { GLANCE_WORKERS: 'auto' } }).workers).toBe(Math.min(availableParallelism(), 8));
    for (const workers of ['0', '-2', '1.5', 'two', '65']) {
      expect(problemsOf(() => loadConfig({ env: { GLANCE_WORKERS: workers } }))).toEqual([
        'workers (from GLANCE_WORKERS): must be a whole number from 1 to 64, or auto',
      ]);
    }
    expect(problemsOf(() => loadConfig({ file: yamlFile('workers: many\n'), env: {} }))).toEqual(['workers: must be a whole number from 1 to 64, or auto']);
    expect(problemsOf(() => loadConfig({ env: { GLANCE_WORKERS: '2', GLANCE_DATABASE_URL: 'sqlite::memory:' } })).join()).toMatch(/^workers.*in-memory SQLite database/);
  });

  it('takes a task_sweep_interval a timer can wait (2,147,483 s) and refuses a longer one, naming the key', () => {
    expect(loadConfig({ env: { GLANCE_TASK_SWEEP_INTERVAL: '2147483' } }).task_sweep_interval).toBe(2_147_483);
    const problems = problemsOf(() => loadConfig({ env: { GLANCE_TASK_SWEEP_INTERVAL: '2147484' } }));
    expect(problems).toEqual(['task_sweep_interval (from GLANCE_TASK_SWEEP_INTERVAL): must be at most 2147483 seconds (about 24.8 days)']);
  });

  it('takes a task_time_to_live up to ten years of hours and refuses more, naming the key', () => {
    expect(loadConfig({ file: yamlFile('task_time_to_live: 87600\n'), env: {} }).task_time_to_live).toBe(87_600);
    for (const hours of ['87601', '1e12']) {
      const problems = problemsOf(() => loadConfig({ file: yamlFile(`task_time_to_live: ${hours}\n`), env: {} }));
      expect(problems).toEqual(['task_time_to_live: must be at most 87600 hours (ten years)']);
    }
  });

  it('refuses unknown keys, a file that is not a mapping, and inconsistent limits', () => {
    expect(problemsOf(() => loadConfig({ file: yamlFile('show_multiple_location: true\n'), env: {} })).join()).toMatch(/show_multiple_location/);
    expect(problemsOf(() => loadConfig({ file: yamlFile('- a\n- b\n'), env: {} })).join()).toMatch(/mapping/);
    expect(problemsOf(() => loadConfig({ env: { GLANCE_LIMIT_PARAM_DEFAULT: '50', GLANCE_API_LIMIT_MAX: '10' } })).join()).toMatch(/limit_param_default/);
    expect(problemsOf(() => loadConfig({ file: '/nonexistent/glance.yaml', env: {} })).join()).toMatch(/nonexistent/);
  });
});
