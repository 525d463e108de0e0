import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { InvalidInputError } from '../../../src/domain/errors.js';
import {
  assertOutboundUrlAllowed, embeddedIpv4, isInternalAddress, type OutboundUrlRules,
} from '../../../src/domain/outbound-http/url-filter.js';

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
  ])('refuses %s', async (url, address) => {
    expect(await refusal(url)).toContain(`resolves to ${address}, an internal address`);
  });

  it.each([
    ['http://100.100.100.200/latest/meta-data/', '100.100.100.200'], // Alibaba Cloud
    ['http://192.0.0.192/latest/', '192.0.0.192'], // Oracle Cloud
    ['http://[fd20:ce::254]/computeMetadata/v1/', 'fd20:ce::254'], // Google Cloud over IPv6
    ['http://[fd00:ec2::23]/', 'fd00:ec2::23'], // AWS EKS Pod Identity over IPv6
  ])('refuses the metadata address %s of another cloud', async (url, address) => {
    expect(await refusal(url)).toContain(`resolves to ${address}, an internal address`);
  });

  // URL parsing turns a dotted IPv4 tail into hex groups; the message names the IPv4 address inside.
  it.each([
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', '127.0.0.1'], // IPv4-mapped
    ['http://[::127.0.0.1]/', '::7f00:1', '127.0.0.1'], // IPv4-compatible
    ['http://[::169.254.169.254]/', '::a9fe:a9fe', '169.254.169.254'],
    ['http://[::ffff:0:169.254.169.254]/', '::ffff:0:a9fe:a9fe', '169.254.169.254'], // IPv4-translated
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe', '169.254.169.254'], // NAT64
    ['http://[64:ff9b::127.0.0.1]/', '64:ff9b::7f00:1', '127.0.0.1'],
    ['http://[64:ff9b::100.100.100.200]/', '64:ff9b::6464:64c8', '100.100.100.200'],
    ['http://[2002:7f00:1::]/', '2002:7f00:1::', '127.0.0.1'], // 6to4
    ['http://[2002:a9fe:a9fe:1::5]/', '2002:a9fe:a9fe:1::5', '169.254.169.254'],
  ])('refuses %s, an IPv6 form of an internal IPv4 address', async (url, address, ipv4) => {
    expect(await refusal(url)).toContain(`resolves to ${address} (IPv4 ${ipv4}), an internal address`);
  });

  it('lets IPv6 forms of public IPv4 addresses through', async () => {
    for (const url of ['http://[64:ff9b::808:808]/x', 'http://[2002:808:808::1]/x', 'http://[::ffff:8.8.8.8]/x']) {
      await expect(assertOutboundUrlAllowed(url, rules())).resolves.toBeInstanceOf(URL);
    }
  });

  it('reads the IPv4 address out of each IPv6 form, written in hex or with a dotted tail', () => {
    expect(embeddedIpv4('::7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::127.0.0.1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::ffff:0:10.1.2.3')).toBe('10.1.2.3');
    expect(embeddedIpv4('0:0:0:0:0:ffff:a9fe:a9fe')).toBe('169.254.169.254');
    expect(embeddedIpv4('64:ff9b::c000:c0')).toBe('192.0.0.192');
    expect(embeddedIpv4('2002:c000:c0:ffff:1:2:3:4')).toBe('192.0.0.192');
    expect(embeddedIpv4('2001:db8::7f00:1')).toBeNull();
    expect(embeddedIpv4('64:ff9b:1::7f00:1')).toBeNull();
    expect(embeddedIpv4('127.0.0.1')).toBeNull();
    // Addresses a DNS answer may hold, spelled as resolvers return them.
    expect(isInternalAddress('64:ff9b::169.254.169.254')).toBe(true);
    expect(isInternalAddress('::ffff:0:127.0.0.1')).toBe(true);
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

  // Only checked, never connected to: the refusal comes before any connection.
  it.each([
    ['http://10.0.0.1/', '10.0.0.1'], // RFC 1918
    ['http://10.255.255.255/', '10.255.255.255'],
    ['http://172.16.0.1/', '172.16.0.1'],
    ['http://172.31.255.254/', '172.31.255.254'],
    ['http://192.168.1.1/', '192.168.1.1'],
    ['http://100.64.0.1/', '100.64.0.1'], // carrier-grade NAT, RFC 6598
    ['http://100.127.255.254/', '100.127.255.254'],
    ['http://[fc00::1]/', 'fc00::1'], // unique local, RFC 4193
    ['http://[fd12:3456::1]/', 'fd12:3456::1'],
  ])('refuses %s, a private network address', async (url, address) => {
    expect(await refusal(url)).toContain(`resolves to ${address}, an internal address`);
  });

  it('refuses IPv6 forms of private IPv4 addresses', async () => {
    expect(await refusal('http://[::ffff:10.0.0.1]/')).toContain('(IPv4 10.0.0.1), an internal address');
    expect(await refusal('http://[64:ff9b::c0a8:101]/')).toContain('(IPv4 192.168.1.1), an internal address');
  });

  it('does not count public addresses, or those just outside the private ranges, as internal', () => {
    for (const address of ['8.8.8.8', '9.255.255.255', '11.0.0.1', '172.15.255.255', '172.32.0.1', '192.169.0.1', '100.63.255.255', '100.128.0.1', '2001:db8::1', 'fe00::1', '64:ff9b::808:808']) {
      expect(isInternalAddress(address), address).toBe(false);
    }
    expect(isInternalAddress('169.254.169.254')).toBe(true);
    expect(isInternalAddress('not-an-ip')).toBe(false);
  });
});
