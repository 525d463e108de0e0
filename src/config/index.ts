export { loadConfig, ConfigError, type ConfigSources } from './load.js';
export { configSchema, CONTAINER_FORMATS, DISK_FORMATS, type Config } from './schema.js';
export { parseDatabaseUrl } from './database-url.js';
