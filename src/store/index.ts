export { ByteLimitError, type DataDigest } from './digest-stream.js';
export { FilesystemStore, type ByteRange, type StagedData } from './filesystem-store.js';
