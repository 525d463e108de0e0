export { ByteLimitError, type DataDigest } from './digest-stream.js';
export { FilesystemStore, type ByteRange, type StagedData, type StoreTraffic } from './filesystem-store.js';
