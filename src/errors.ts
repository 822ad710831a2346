/** Error codes the edge maps to user text (toast, reply or HTTP status). */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'payload_too_large'
  | 'invalid_input'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'upstream'
  | 'internal';

/** One coded error. `message` is shown to the user (Chinese); `field` names the bad input. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
  }

  get field(): string | undefined {
    return this.options.field;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Text safe to show a user for any error: AppError messages as they are, others generic. */
export function userMessage(e: unknown): string {
  return isAppError(e) ? e.message : '系统繁忙，请稍后再试';
}
