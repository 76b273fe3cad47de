import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { CpuAccount, describeMachine, type MachineCpu } from './support/cpu';
import { collectGarbage, inspectorOnFreePort } from './support/inspector';
import { measure, row, type BenchResult, type BenchRow } from './support/measure';
import { residentMegabytes } from './support/memory';
import { benchEnvironment } from './support/system';
import type { BenchSizes } from './sizes';
import { bearer } from '../test/support/tokens';

/** Posts the likes and comments go to: the most recently created, as a feed's readers do. */
const LIVE_POSTS = 200;
/** Processes whose memory is followed, and held to a flat line. */
const SERVICES = ['post-cmd', 'post-query'] as const;
/** Growth per minute below which a service's memory (RSS or live heap) counts as flat. */
const FLAT_MB_PER_MINUTE = 0.5;
/** The last third of the run against the first: at most this much slower or costlier. */
const DRIFT = { p99: 1.25, cpu: 1.15 };

interface Window {
  readonly minute: number;
  readonly latenciesMs: number[];
  commands: number;
  queries: number;
  /** Failed requests by what failed (route kind, then status and problem type, or the error). */
  failures: Record<string, number>;
  /** RSS in MB by process group, at the window's end. */
  rss: Record<string, number>;
  /** Live JS heap in MB by service after a full collection, at the window's end. */
  heap: Record<string, number>;
  /** CPU ms per command by process group, over the window. */
  cpu: Record<string, number>;
  /** The machine's CPU over the window. */
  machine?: MachineCpu;
}

/**
 * 9. Soak: a steady mix of commands (a create in ten, comments, likes) and queries at about half
 * the command path's saturation rate, for `soakMinutes`, through post-cmd and post-query built
 * as in production. Per window: latency percentiles, resident memory and CPU per command by
 * process; over the run, their slopes. A leak or a slow drift shows as a slope, not as one
 * number that happens to look fine. Each service's live heap after a full collection is read
 * beside its RSS: RSS also moves with V8's headroom and with bounded caches filling, the live
 * heap only with what the code keeps.
 */
export async function soak(sizes: BenchSizes): Promise<BenchResult> {
  const bench = await benchEnvironment('bench_soak');
  try {
    const inspectors = {
      'post-cmd': await inspectorOnFreePort(),
      'post-query': await inspectorOnFreePort(),
    };
    const startService = (service: keyof typeof inspectors) =>
      bench.start(service, {}, { nodeOptions: inspectors[service].nodeOptions });
    const postCmd = await startService('post-cmd');
    const postQuery = await startService('post-query');
    const command = async (path: string, as: string, body?: unknown) => {
      const response = await fetch(`${postCmd.api}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(as) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw await RequestFailed.of(`POST ${routeKind(path)}`, response);
      return (await response.json()) as { postId: string };
    };
    const query = async (path: string) => {
      const response = await fetch(`${postQuery.api}${path}`);
      await response.arrayBuffer();
      // A post just created may not be projected yet: a 404 is an answer, not a failure.
      if (!response.ok && response.status !== 404)
        throw await RequestFailed.of(`GET ${routeKind(path)}`, response);
    };

    const posts: string[] = [];
    for (let n = 0; n < 20; n++)
      posts.push((await command('/posts', 'ada', { message: `soak ${n}` })).postId);

    const windowMs = sizes.soakWindowSeconds * 1000;
    const total = Math.round(sizes.soakMinutes * 60 * sizes.soakRate);
    const windows: Window[] = [];
    let current = newWindow(0);
    let cpu = new CpuAccount();
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();

    const closeWindow = async () => {
      current.cpu = cpu.perOperation(Math.max(1, current.commands));
      current.machine = cpu.machine();
      current.rss = residentMegabytes();
      for (const service of SERVICES)
        current.heap[service] = megabytes(
          (await collectGarbage(inspectors[service].port)).usedBytes,
        );
      windows.push(current);
      current = newWindow(windows.length);
      cpu = new CpuAccount();
    };

    for (let index = 0; index < total; index++) {
      const due = started + (index * 1000) / sizes.soakRate;
      await delay(Math.max(0, due - performance.now()));
      if (performance.now() - started >= (windows.length + 1) * windowMs) await closeWindow();
      const window = current;
      const postId = posts[posts.length - 1 - (index % Math.min(LIVE_POSTS, posts.length))]!;
      const begin = performance.now();
      const work = (async () => {
        if (index % 10 === 0) {
          posts.push(
            (await command('/posts', `author-${index % 97}`, { message: `soak ${index} #soak` }))
              .postId,
          );
        } else if (index % 3 === 0) {
          await command(`/posts/${postId}/comments`, `fan-${index}`, {
            comment: `comment ${index}`,
          });
        } else {
          await command(`/posts/${postId}/likes`, `fan-${index}`);
        }
        window.latenciesMs.push(performance.now() - begin);
        window.commands++;
        await query(index % 2 === 0 ? `/posts/${postId}` : '/posts?limit=20');
        window.queries++;
      })().catch((error: unknown) => {
        const what = error instanceof RequestFailed ? error.message : `${String(error)}`;
        window.failures[what] = (window.failures[what] ?? 0) + 1;
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
    await Promise.all(inFlight);
    await closeWindow();

    // The first window pays for JIT compilation and warming pools: not judged.
    const judged = windows.slice(1).filter((w) => w.commands > 0);
    const rows: BenchRow[] = windows.map((w) =>
      row(
        `minute ${formatMinute(w.minute, sizes)}`,
        measure(w.commands, sizes.soakWindowSeconds, w.latenciesMs),
      ),
    );
    const checks = soakChecks(judged, sizes);
    const failures = windows.reduce((sum, w) => sum + failureCount(w), 0);
    return {
      name: 'Soak',
      description:
        `${sizes.soakMinutes} min at ${sizes.soakRate} commands/s (a create in ten, a third comments, the rest likes), ` +
        `each followed by a query; windows of ${sizes.soakWindowSeconds} s`,
      rows,
      target: {
        text: checks.map(({ text }) => text).join('; ') + `; failures ${failures}`,
        met: failures === 0 && checks.length > 0 && checks.every(({ met }) => met),
      },
      notes: [
        ...windows.map(
          (w) =>
            `minute ${formatMinute(w.minute, sizes)}: RSS ${describe(w.rss, 'MB')}; live heap ${describe(w.heap, 'MB')}; CPU per command ${describe(w.cpu, 'ms')}; ${w.queries} queries` +
            (w.machine === undefined ? '' : `; ${describeMachine(w.machine)}`) +
            (failureCount(w) > 0 ? `; failed: ${describe(w.failures, 'requests')}` : ''),
        ),
        ...checks.map(({ text, met }) => `target ${text}: ${met ? 'met' : 'MISSED'}`),
      ],
    };
  } finally {
    await bench.close();
  }
}

const newWindow = (minute: number): Window => ({
  minute,
  latenciesMs: [],
  commands: 0,
  queries: 0,
  failures: {},
  rss: {},
  heap: {},
  cpu: {},
});

/** Bytes in MB, to a tenth. */
const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A request answered with an error, named by route kind, status and problem type. */
class RequestFailed extends Error {
  static async of(request: string, response: Response): Promise<RequestFailed> {
    const body = (await response.json().catch(() => ({}))) as { type?: unknown };
    const type = typeof body.type === 'string' ? ` ${body.type.replace(/^.*\//, '')}` : '';
    return new RequestFailed(`${request} ${response.status}${type}`);
  }
}

/** `/posts/<id>/likes` → `/posts/{id}/likes`: failures counted by route, not by post. */
const routeKind = (path: string) =>
  path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}').replace(/\?.*$/, '');

const failureCount = (w: Window) => Object.values(w.failures).reduce((a, b) => a + b, 0);

const formatMinute = (window: number, sizes: BenchSizes) =>
  ((window * sizes.soakWindowSeconds) / 60).toFixed(sizes.soakWindowSeconds % 60 === 0 ? 0 : 2);

const describe = (values: Record<string, number>, unit: string) =>
  Object.entries(values)
    .sort(([, a], [, b]) => b - a)
    .map(([group, value]) => `${group} ${value}`)
    .join(', ') + ` ${unit}`;

/** Least-squares slope of `ys` over `xs`. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    numerator += (xs[i]! - meanX) * (ys[i]! - meanY);
    denominator += (xs[i]! - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** The soak's targets: each service's memory flat, and p99 and CPU per command not drifting. */
function soakChecks(
  judged: readonly Window[],
  sizes: BenchSizes,
): { text: string; met: boolean }[] {
  if (judged.length < 3) return [];
  const minutes = judged.map((w) => (w.minute * sizes.soakWindowSeconds) / 60);
  const checks: { text: string; met: boolean }[] = [];
  for (const service of SERVICES) {
    for (const [what, of] of [
      ['RSS', (w: Window) => w.rss[service] ?? 0],
      ['live heap', (w: Window) => w.heap[service] ?? 0],
    ] as const) {
      const perMinute = slope(minutes, judged.map(of));
      checks.push({
        text: `${service} ${what} slope ${perMinute.toFixed(2)} MB/min (flat below ${FLAT_MB_PER_MINUTE})`,
        met: Math.abs(perMinute) < FLAT_MB_PER_MINUTE,
      });
    }
  }
  const third = Math.max(1, Math.floor(judged.length / 3));
  const first = judged.slice(0, third);
  const last = judged.slice(-third);
  const p99Of = (ws: readonly Window[]) =>
    measure(
      1,
      1,
      ws.flatMap((w) => w.latenciesMs),
    ).p99 ?? 0;
  const cpuOf = (ws: readonly Window[]) =>
    ws.reduce((sum, w) => sum + (w.cpu['post-cmd'] ?? 0), 0) / ws.length;
  const p99Slope = slope(
    minutes,
    judged.map((w) => p99Of([w])),
  );
  const cpuSlope = slope(
    minutes,
    judged.map((w) => w.cpu['post-cmd'] ?? 0),
  );
  checks.push({
    text: `p99 first third ${p99Of(first)} ms, last ${p99Of(last)} ms (slope ${p99Slope.toFixed(2)} ms/min; at most ${DRIFT.p99}×)`,
    met: p99Of(last) <= DRIFT.p99 * p99Of(first),
  });
  checks.push({
    text: `post-cmd CPU per command first third ${cpuOf(first).toFixed(2)} ms, last ${cpuOf(last).toFixed(2)} ms (slope ${cpuSlope.toFixed(3)} ms/min; at most ${DRIFT.cpu}×)`,
    met: cpuOf(last) <= DRIFT.cpu * cpuOf(first),
  });
  return checks;
}
