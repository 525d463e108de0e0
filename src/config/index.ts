export { loadConfig, ConfigError, type ConfigSources } from './load.js';
export { configSchema, DEFAULT_DISK_FORMATS, DEFAULT_CONTAINER_FORMATS, type Config, type ConfigKey, type ConfigInput } from './schema.js';
