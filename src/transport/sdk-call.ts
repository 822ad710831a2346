import { isRetryable, LarkApiError } from './lark-api.js';
import { scrub } from './sdk-logger.js';

/** One SDK call's answer turned into data or a LarkApiError that says whether to retry. */
interface ApiResponse<T> {
  code?: number;
  msg?: string;
  data?: T;
}

function classify(e: unknown, what: string): LarkApiError {
  if (e instanceof LarkApiError) return e;
  const err = e as { response?: { status?: number; data?: ApiResponse<unknown> }; code?: string; message?: string };
  const status = err.response?.status;
  const code = err.response?.data?.code;
  const detail = status ? `HTTP ${status}${code !== undefined ? ` code ${code}` : ''}` : (err.code ?? err.message ?? 'network error');
  return new LarkApiError(`${what}: ${scrub(String(detail))}`, { retryable: isRetryable(status, code), httpStatus: status, code });
}

function unwrap<T>(res: ApiResponse<T> | null | undefined, what: string): T {
  if (!res) throw new LarkApiError(`${what}: empty response`, { retryable: true });
  if (res.code !== undefined && res.code !== 0) {
    throw new LarkApiError(`${what}: code ${res.code} ${res.msg ?? ''}`.trim(), { retryable: isRetryable(200, res.code), httpStatus: 200, code: res.code });
  }
  return (res.data ?? {}) as T;
}

export async function call<T>(what: string, fn: () => Promise<ApiResponse<T> | null | undefined>): Promise<T> {
  let res: ApiResponse<T> | null | undefined;
  try {
    res = await fn();
  } catch (e) {
    throw classify(e, what);
  }
  return unwrap(res, what);
}

