// URLs as logs may show them: user info, query string and fragment can carry credentials (signed URLs such as
// X-Amz-Signature), so they are replaced; scheme, host, port and path stay for the operator to act on.

export function redactedUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (parsed.username || parsed.password) {
    parsed.username = 'redacted';
    parsed.password = '';
  }
  if (parsed.search) parsed.search = 'redacted';
  parsed.hash = '';
  return parsed.href;
}
