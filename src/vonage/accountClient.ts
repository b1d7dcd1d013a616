// Account API (https://rest.nexmo.com/account/get-balance): the balance, with `api_key`/`api_secret` as
// query parameters, as the official Node SDK sends them.
import type { ApiCredentials } from './applicationsClient';
import { VonageApiError } from './errors';
import type { VonageHttpClient } from './httpClient';
import type { Balance } from './numbers';

export class AccountClient {
  constructor(private readonly http: VonageHttpClient, private readonly creds: ApiCredentials) {}

  async balance(signal?: AbortSignal): Promise<Balance> {
    const path = '/account/get-balance';
    const body = await this.http.request<{ value?: unknown; autoReload?: unknown } | undefined>({
      method: 'GET', path, auth: { kind: 'query', ...this.creds }, signal,
    });
    const value = typeof body?.value === 'number' ? body.value : Number(body?.value);
    if (!Number.isFinite(value)) {
      throw new VonageApiError({
        kind: 'badResponse', status: 200, method: 'GET', url: `${this.http.baseUrl}${path}`,
        message: `${new URL(this.http.baseUrl).host} answered the balance without a number. Check that the Vonage REST base URL setting points at the REST API (e.g. https://rest.nexmo.com).`,
      });
    }
    return { value, autoReload: body?.autoReload === true };
  }
}
