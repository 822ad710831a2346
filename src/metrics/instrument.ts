import { isAppError } from '../errors.js';
import type { Registry } from '../bot/context.js';
import { LarkApiError, type LarkApi } from '../transport/lark-api.js';
import type { BotMetrics } from './bot-metrics.js';

/** How a failed Open API call is counted: HTTP status, Lark code, or network. */
function statusOf(e: unknown): string {
  if (e instanceof LarkApiError) {
    if (e.info.httpStatus && e.info.httpStatus !== 200) return String(e.info.httpStatus);
    if (e.info.code !== undefined) return `code_${e.info.code}`;
  }
  return 'network';
}

/** The same Open API, counting every call by method and outcome . */
export function countedApi(api: LarkApi, m: BotMetrics): LarkApi {
  const wrap = <K extends keyof LarkApi>(method: K): LarkApi[K] =>
    (async (...args: unknown[]) => {
      try {
        const out = await (api[method] as (...a: unknown[]) => Promise<unknown>).apply(api, args);
        m.openApiCalls.inc({ method, status: 'ok' });
        return out;
      } catch (e) {
        m.openApiCalls.inc({ method, status: statusOf(e) });
        throw e;
      }
    }) as LarkApi[K];
  // Other members (local mode's chat state) stay reachable through the prototype.
  return Object.assign(Object.create(api) as LarkApi, {
    sendMessage: wrap('sendMessage'),
    replyMessage: wrap('replyMessage'),
    patchMessage: wrap('patchMessage'),
    uploadFile: wrap('uploadFile'),
    getUserName: wrap('getUserName'),
    listChatMembers: wrap('listChatMembers'),
  });
}

/** The same registry with every command, card action, text handler and job timed by its id. */
export function timedRegistry(reg: Registry, m: BotMetrics): Registry {
  const timed = <H extends { id: string; run: (ctx: never) => Promise<unknown> }>(h: H): H => ({
    ...h,
    run: (ctx: never) => m.timeHandler(h.id, () => h.run(ctx), isAppError),
  });
  return {
    ...reg,
    commands: reg.commands.map(timed),
    actions: reg.actions.map(timed),
    ...(reg.textHandler ? { textHandler: timed(reg.textHandler) } : {}),
    jobs: (config) => reg.jobs(config).map((job) => ({ ...job, run: (ctx) => m.timeHandler(`job:${job.id}`, () => job.run(ctx), () => false) })),
  };
}
