// the test client
export {
  type ActionHookCallOptions,
  type CardFetchOptions,
  createTestClient,
  type DefaultParams,
  type RawRequestOptions,
  type ShareViaCallOptions,
  type SignOverrides,
  type TestClient,
  type TestClientOptions,
} from './create-test-client.ts';
export type { TestResponse } from './test-response.ts';
