import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** The real AWS SDK client pointed at the mock, with dummy credentials, as the README tells users to. */
export function managementClient(url: string, region = 'us-east-1', sockets = 50): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failure must show as itself, not be retried away.
    maxAttempts: 1,
    // The SDK's default is 50 connections; concurrency tests open more.
    requestHandler: { httpAgent: { maxSockets: sockets } },
  });
}

export interface ApiFailure {
  name: string;
  message: string;
  status: number | undefined;
}

/** Awaits a call that must fail; returns the SDK's named exception (name, message, HTTP status). */
export async function failure(call: Promise<unknown>): Promise<ApiFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * A management call without the SDK, answered as the wire carries it: for members the SDK does not
 * model, inputs it would refuse to send, and dates as epoch seconds.
 */
export async function rawApiCall(url: string, operation: string, input: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
