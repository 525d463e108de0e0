export { loadConfig, ConfigError, type ConfigSources } from './load.js';
export { configSchema, CONTAINER_FORMATS, DISK_FORMATS, SQLITE_URL, type Config } from './schema.js';
