import { describe, expect, it } from 'vitest';
import { OAuthError } from '../../src/errors.js';
import { parseForm } from '../../src/http/form-body.js';
import { charsetOf, decodeUtf8, mediaType } from '../../src/http/read-body.js';

// The token endpoint's strict application/x-www-form-urlencoded parsing (RFC 6749 §3.2, reference §1.4).

const invalidRequest = (body: string): void => {
  expect(() => parseForm(body)).toThrow(OAuthError);
  try {
    parseForm(body);
  } catch (error) {
    expect({ code: (error as OAuthError).code, status: (error as OAuthError).status }).toEqual({ code: 'invalid_request', status: 400 });
  }
};

describe('parseForm', () => {
  it('decodes names and values, "+" as a space and percent escapes as UTF-8', () => {
    expect(Object.fromEntries(parseForm('grant_type=client_credentials&scope=orders%2Fread+orders%2Fwrite&name=%C3%A9t%C3%A9'))).toEqual({
      grant_type: 'client_credentials', scope: 'orders/read orders/write', name: 'été',
    });
  });

  it('keeps the parameters in request order', () => {
    expect([...parseForm('b=2&a=1&c=3').keys()]).toEqual(['b', 'a', 'c']);
  });

  it('skips empty pairs and reads a bare name as an empty value', () => {
    expect(Object.fromEntries(parseForm('&a=1&&scope&b=&'))).toEqual({ a: '1', scope: '', b: '' });
  });

  it('keeps "=" inside a value', () => {
    expect(parseForm('client_secret=abc==').get('client_secret')).toBe('abc==');
  });

  it('reads an empty body as no parameters', () => {
    expect(parseForm('').size).toBe(0);
  });

  it.each([
    ['a repeated parameter', 'grant_type=client_credentials&grant_type=client_credentials'],
    ['a parameter repeated under another spelling', 'scope=a&%73cope=b'],
    ['a repeated empty parameter', 'scope&scope='],
    ['a truncated escape', 'scope=%2'],
    ['a non-hex escape', 'scope=%G1'],
    ['an escape that is not UTF-8', 'scope=%FF'],
    ['a broken escape in a name', '%E0%A4=1'],
  ])('rejects %s with invalid_request', (_case, body) => invalidRequest(body));
});

describe('content-type helpers', () => {
  it.each([
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['Application/X-WWW-Form-URLEncoded; charset=UTF-8', 'application/x-www-form-urlencoded'],
    ['  application/json ;x=y', 'application/json'],
    [undefined, ''],
  ])('reads the media type of %s as %s', (header, expected) => {
    expect(mediaType(header)).toBe(expected);
  });

  it.each([
    ['application/x-www-form-urlencoded; charset=UTF-8', 'utf-8'],
    ['application/x-www-form-urlencoded;charset="ISO-8859-1"', 'iso-8859-1'],
    ['application/x-www-form-urlencoded', undefined],
    [undefined, undefined],
  ])('reads the charset of %s as %s', (header, expected) => {
    expect(charsetOf(header)).toBe(expected);
  });

  it('decodes UTF-8 and refuses other bytes instead of replacing them', () => {
    expect(decodeUtf8(Buffer.from('scope=été'))).toBe('scope=été');
    expect(decodeUtf8(Buffer.from([0x61, 0xff, 0x62]))).toBeUndefined();
    expect(decodeUtf8(Buffer.from([0xc3, 0x28]))).toBeUndefined();
  });
});
