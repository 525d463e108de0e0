// Turns a request's credentials into an Identity: a bearer JWT (HS256, verified with jose), or, behind a trusted
// proxy, the X-User-Id / X-Project-Id / X-Roles headers (as keystonemiddleware hands them to Glance).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Config } from '../config/index.js';
import { UnauthenticatedError } from '../domain/errors.js';
import { createIdentity, type Identity } from '../domain/identity.js';
import { isUnstorableText } from '../domain/storable-text.js';
import { VerifiedTokens } from './verified-tokens.js';

export type RequestHeaders = Record<string, string | string[] | undefined>;

/**
 * Resolves the caller from the request's headers as sent, a repeated header as one value per line (Node's
 * `headersDistinct`): merged ones (`reader, admin` from two X-Roles) could not be told from one header's list.
 * Null means no credentials were sent at all. Bad credentials throw UNAUTHENTICATED.
 */
export type Authenticator = (headers: RequestHeaders) => Promise<Identity | null>;

const SECRET_FILE = 'jwt-secret';

/** GLANCE_JWT_SECRET, else a random secret generated once and kept in the data dir (readable by its owner only). */
export function loadJwtSecret(config: Config): Uint8Array {
  if (config.jwt_secret) return new TextEncoder().encode(config.jwt_secret);
  const file = join(config.data_dir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.data_dir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export interface TokenClaims {
  userId: string;
  projectId: string | null;
  roles: readonly string[];
  /** A jose duration such as `12h` or `30d`. */
  expiresIn: string;
}

// How far the clocks of the token's issuer and this server may disagree; the longest a token may be valid.
const CLOCK_SKEW_SECONDS = 60;
const MAX_TOKEN_LIFETIME_SECONDS = 366 * 24 * 3600;

/** A token would not be accepted for its lifetime: over already, or longer than the server takes. */
export class TokenLifetimeError extends Error {
  override name = 'TokenLifetimeError';
}

/** Signs a token the server accepts; throws TokenLifetimeError for a lifetime it would refuse. */
export async function signToken(secret: Uint8Array, { userId, projectId, roles, expiresIn }: TokenClaims): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ project_id: projectId, roles: [...roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresIn)
    .sign(secret);
  // jose reads the duration; its answer is checked here rather than a second parser written for it.
  const lifetime = decodeJwt(token).exp! - issuedAt;
  if (lifetime <= 0) throw new TokenLifetimeError('a token must expire after it is issued');
  if (lifetime > MAX_TOKEN_LIFETIME_SECONDS) throw new TokenLifetimeError('a token may live at most 366 days (the server refuses longer ones)');
  return token;
}

/** A token from the future or one that practically never expires is not a credential to trust (jose bounds neither). */
function assertPlausibleTimes({ iat, exp }: JWTPayload): void {
  const now = Math.floor(Date.now() / 1000);
  if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) throw new UnauthenticatedError('the token is issued in the future (iat); check the issuer\'s clock');
  if (exp !== undefined && exp > now + MAX_TOKEN_LIFETIME_SECONDS) {
    throw new UnauthenticatedError('the token expires more than a year ahead (exp); issue one with a shorter life');
  }
}

export function createAuthenticator(config: Config, secret: Uint8Array): Authenticator {
  return config.auth_strategy === 'trusted-headers' ? trustedHeaders : bearerToken(secret);
}

/** How many verified tokens a process keeps: far more than the clients that call one process at once. */
const VERIFIED_TOKEN_CAPACITY = 10_000;

function bearerToken(secret: Uint8Array): Authenticator {
  const verified = new VerifiedTokens(VERIFIED_TOKEN_CAPACITY);
  return async (headers) => {
    const header = identityHeader(headers, 'authorization');
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const known = verified.get(token);
    if (known) return known;
    try {
      // A token without exp would never expire, so it is refused even when its signature is good.
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS });
      assertPlausibleTimes(payload);
      const roles = payload.roles;
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('the token has no subject (sub)');
      if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
        throw new UnauthenticatedError('the token has no roles claim (an array of strings)');
      }
      const project = typeof payload.project_id === 'string' && payload.project_id !== '' ? payload.project_id : null;
      assertStorable({ sub: payload.sub, project_id: project, roles }, 'token claim');
      const identity = createIdentity(payload.sub, project, roles);
      verified.remember(token, identity, payload.exp!);
      return identity;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('the token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp') {
        throw new UnauthenticatedError('the token has no valid expiry (an exp claim, in seconds since the epoch); every token must expire');
      }
      throw new UnauthenticatedError('the token is not valid');
    }
  };
}

const trustedHeaders: Authenticator = async (headers) => {
  const userId = identityHeader(headers, 'x-user-id');
  if (!userId) return null;
  const projectId = identityHeader(headers, 'x-project-id') || null;
  const roles = (identityHeader(headers, 'x-roles') ?? '').split(',').map((role) => role.trim()).filter(Boolean);
  assertStorable({ 'X-User-Id': userId, 'X-Project-Id': projectId, 'X-Roles': roles }, 'header');
  return createIdentity(userId, projectId, roles);
};

/** A header that says who the caller is, sent once: two could each name another user, project or role. */
function identityHeader(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value) && value.length > 1) throw new UnauthenticatedError(`the ${name} header is sent more than once; send it once`);
  return single(value);
}

/**
 * Identity values are written to and compared in the database, so text it cannot keep as sent would fail a query
 * or be stored as another identity's (a lone surrogate becomes U+FFFD): such credentials are refused.
 */
function assertStorable(values: Readonly<Record<string, string | readonly string[] | null>>, source: string): void {
  for (const [name, value] of Object.entries(values)) {
    const texts = typeof value === 'string' ? [value] : value ?? [];
    if (texts.some(isUnstorableText)) {
      throw new UnauthenticatedError(`the ${source} ${name} holds a NUL character or a lone UTF-16 surrogate, which credentials must not contain`);
    }
  }
}

/** When the bearer token in `headers` expires, or null when none was sent; call it only after the token was verified. */
export function tokenExpiry(headers: RequestHeaders): Date | null {
  const token = /^Bearer\s+(\S+)$/i.exec(single(headers.authorization) ?? '')?.[1];
  const exp = token ? decodeJwt(token).exp : undefined;
  return exp === undefined ? null : new Date(exp * 1000);
}

/** The first value of a header that may be repeated. */
export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
