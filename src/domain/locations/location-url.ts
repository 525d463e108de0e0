// Whether a user may point an image at a URL, and how big the data there is.
// Glance: glance/location.py _check_location_uri, glance/common/store_utils.py validate_external_location,
// and (Debian patch) the [import_filtering_opts] filter on http(s) locations
import type { Config } from '../../config/index.js';
import { InvalidInputError } from '../errors.js';
import { openOutboundUrl } from '../outbound-http/outbound-request.js';

const MAX_LOCATION_URL_LENGTH = 255;
/** Schemes that would reach the server's own storage; never accepted from users. */
const RESTRICTED_SCHEMES: readonly string[] = ['file', 'filesystem', 'swift+config'];
/** Schemes of the stores this server can read from. */
const SETTABLE_SCHEMES: readonly string[] = ['http', 'https'];

/** Glance's schema: a location URL has at most 255 characters. */
export function assertLocationUrlLength(url: string): void {
  if (url.length === 0 || url.length > MAX_LOCATION_URL_LENGTH) {
    throw new InvalidInputError(`a location URL must have 1 to ${MAX_LOCATION_URL_LENGTH} characters`);
  }
}

/** Restricted and unknown schemes are invalid locations (400), before any network request is made. */
export function assertSettableScheme(url: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) throw new InvalidInputError(`invalid location ${url}: not an absolute URL`);
  if (RESTRICTED_SCHEMES.includes(scheme)) throw new InvalidInputError(`invalid location ${url}: ${scheme} URLs cannot be set by users`);
  if (!SETTABLE_SCHEMES.includes(scheme)) {
    throw new InvalidInputError(`invalid location ${url}: no store serves the ${scheme} scheme (use ${SETTABLE_SCHEMES.join(' or ')})`);
  }
}

/**
 * The size of the data at a URL a user wants to set, asked with an HTTP HEAD through the outbound URL filter
 * (internal addresses and unlisted ports refused). Glance requires the store to report a size above zero.
 */
export async function settableLocationSize(url: string, config: Config): Promise<number> {
  assertSettableScheme(url);
  const response = await openOutboundUrl(url, config, { method: 'HEAD', idleTimeoutMs: 10_000 });
  response.body.resume();
  if (!response.contentLength) {
    throw new InvalidInputError(`invalid location ${url}: its server reports no data size (a Content-Length above 0 is required)`);
  }
  return response.contentLength;
}
