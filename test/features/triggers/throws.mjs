// A trigger that fails, as a Lambda function that throws.
export default async function handler() {
  throw new Error('tenant is not onboarded');
}
