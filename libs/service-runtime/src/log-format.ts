import type { DestinationStream } from 'pino';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const isLogFormat = (value: string): value is LogFormat =>
  (LOG_FORMATS as readonly string[]).includes(value);

/**
 * `LOG_FORMAT` if set; otherwise readable lines for a person at a terminal, and JSON lines, one
 * per event, for everything else (a file, a pipe, a container's log driver).
 */
export function logFormat(
  variables: NodeJS.ProcessEnv = process.env,
  onTerminal = process.stdout.isTTY === true,
): LogFormat {
  const chosen = variables.LOG_FORMAT;
  if (chosen === undefined || chosen === '') return onTerminal ? 'pretty' : 'json';
  if (isLogFormat(chosen)) return chosen;
  throw new Error(`Invalid configuration:\n  LOG_FORMAT="${chosen}": must be json or pretty`);
}

/** A request's line: `POST /api/v1/posts 201 (3 ms)`; other lines: `[Context] message`. */
const MESSAGE_FORMAT =
  '{if context}[{context}] {end}{msg}' +
  '{if req} {req.method} {req.url} {res.statusCode} ({responseTime} ms){end}';

/**
 * pino's pretty printer, for a person reading a terminal. A dev dependency: an image built with
 * `npm ci --omit=dev` logs JSON only, and asking it for pretty lines is an error at start-up.
 */
export async function prettyPrinter(): Promise<DestinationStream> {
  const pretty = await import('pino-pretty').catch(() => {
    throw new Error(
      'LOG_FORMAT=pretty needs pino-pretty, a dev dependency (installed by `npm ci`, ' +
        'not by `npm ci --omit=dev`): use LOG_FORMAT=json',
    );
  });
  return pretty.build({
    // The services' output goes through a pipe in `npm start` (each line gets its name).
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: MESSAGE_FORMAT,
  });
}
