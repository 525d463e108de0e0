export { ByteLimitError, type DataDigest } from './digest-stream.js';
export { FilesystemStore, type ByteRange, type StagedData, type StoreTraffic } from './filesystem-store.js';
export { ExpectedDataStream, UnexpectedDataError, type ExpectedData } from './expected-data-stream.js';
