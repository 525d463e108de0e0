import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { InvalidInputError } from '../../../src/domain/errors.js';
import { assertOutboundUrlAllowed, isInternalAddress, type OutboundUrlRules } from '../../../src/domain/net/url-filter.js';

const rules = (overrides: Partial<OutboundUrlRules> = {}): OutboundUrlRules => loadConfig({ env: {}, overrides });

async function refusal(url: string, ruleSet: OutboundUrlRules = rules()): Promise<string> {
  const error = await assertOutboundUrlAllowed(url, ruleSet).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as Error).message;
}

describe('outbound URL filter: scheme, host and port lists', () => {
  it('accepts public http and https URLs on the default ports', async () => {
    expect((await assertOutboundUrlAllowed('http://93.184.215.14/image.qcow2', rules())).href).toBe('http://93.184.215.14/image.qcow2');
    expect((await assertOutboundUrlAllowed('https://93.184.215.14:443/x', rules())).hostname).toBe('93.184.215.14');
  });

  it('refuses schemes outside allowed_schemes, naming the scheme', async () => {
    expect(await refusal('ftp://93.184.215.14/x')).toMatch(/scheme "ftp"/);
    expect(await refusal('file:///etc/passwd')).toMatch(/scheme "file"/);
  });

  it('uses disallowed_schemes only when allowed_schemes is empty', async () => {
    const denyHttps = rules({ allowed_schemes: [], disallowed_schemes: ['https'] });
    expect(await refusal('https://93.184.215.14/x', denyHttps)).toMatch(/scheme "https"/);
    await expect(assertOutboundUrlAllowed('http://93.184.215.14/x', denyHttps)).resolves.toBeInstanceOf(URL);
    const both = rules({ allowed_schemes: ['https'], disallowed_schemes: ['https'] });
    await expect(assertOutboundUrlAllowed('https://93.184.215.14/x', both)).resolves.toBeInstanceOf(URL);
  });

  it('refuses ports outside allowed_ports, counting a missing port as the scheme default', async () => {
    expect(await refusal('http://93.184.215.14:8080/x')).toMatch(/port 8080/);
    const only8080 = rules({ allowed_ports: [8080] });
    expect(await refusal('http://93.184.215.14/x', only8080)).toMatch(/port 80 /);
    const deny443 = rules({ allowed_ports: [], disallowed_ports: [443] });
    expect(await refusal('https://93.184.215.14/x', deny443)).toMatch(/port 443/);
    await expect(assertOutboundUrlAllowed('http://93.184.215.14:9/x', deny443)).resolves.toBeInstanceOf(URL);
  });

  it('applies allowed_hosts as the only hosts permitted, and disallowed_hosts when it is empty', async () => {
    const onlyMirror = rules({ allowed_hosts: ['mirror.example'] });
    expect(await refusal('http://93.184.215.14/x', onlyMirror)).toMatch(/host 93\.184\.215\.14 is not permitted/);
    const denyOne = rules({ disallowed_hosts: ['93.184.215.14'] });
    expect(await refusal('http://93.184.215.14/x', denyOne)).toMatch(/host 93\.184\.215\.14/);
    expect(await refusal('http://EVIL.example./x', rules({ disallowed_hosts: ['evil.example'] }))).toMatch(/host evil\.example is not permitted/);
  });

  it('refuses text that is not an absolute URL, and URLs carrying credentials', async () => {
    expect(await refusal('not a url')).toMatch(/not a valid absolute URL/);
    expect(await refusal('http://user:secret@93.184.215.14/x')).toMatch(/credentials/);
  });
});

describe('outbound URL filter: internal addresses', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://127.8.9.10/', '127.8.9.10'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://169.254.1.1/', '169.254.1.1'],
    ['http://0.0.0.0/', '0.0.0.0'],
    ['http://[::1]/', '::1'],
    ['http://[::]/', '::'],
    ['http://[fe80::1]/', 'fe80::1'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
  ])('refuses %s', async (url, address) => {
    expect(await refusal(url)).toContain(`resolves to ${address}, an internal address`);
  });

  it('resolves host names and refuses one that points at loopback', async () => {
    expect(await refusal('http://localhost/x')).toMatch(/host localhost resolves to (127\.0\.0\.1|::1)/);
  });

  it('lets a host listed in allowed_hosts reach an internal address', async () => {
    const local = rules({ allowed_hosts: ['127.0.0.1', '[::1]'] });
    await expect(assertOutboundUrlAllowed('http://127.0.0.1/x', local)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrlAllowed('http://[::1]/x', local)).resolves.toBeInstanceOf(URL);
    expect(await refusal('http://localhost/x', local)).toMatch(/host localhost is not permitted/);
  });

  it('refuses a host name that does not resolve', async () => {
    expect(await refusal('http://no-such-host.invalid/x')).toMatch(/could not be resolved/);
  });

  it('does not count private or public addresses as internal', () => {
    expect(isInternalAddress('10.0.0.1')).toBe(false);
    expect(isInternalAddress('2001:db8::1')).toBe(false);
    expect(isInternalAddress('169.254.169.254')).toBe(true);
    expect(isInternalAddress('not-an-ip')).toBe(false);
  });
});
