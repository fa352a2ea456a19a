/**
 * Open-loop load client for load.ts, run as its own process so it never shares the API's event
 * loop. Each of CLIENTS clients sends a request every 1/RATE s from its own random phase — not
 * waiting for its previous answer — and each latency counts from the moment the request was due,
 * so a slow server cannot hide its delay by slowing the clients down (coordinated omission).
 * autocannon's rate limit instead sends each connection's quota at the start of every second,
 * in lock-step across connections, and back-fills synthetic samples for every slow answer.
 *
 * Input: one JSON argument { url, bodies, clients, rate, seconds }. Output: one JSON line of stats.
 */
export {}; // a module: top-level await below

interface Job {
  url: string;
  /** Request bodies, taken in turn by the clients. */
  bodies: string[];
  clients: number;
  rate: number;
  seconds: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const latencies: number[] = [];
let errors = 0;
let timeouts = 0;
let non2xx = 0;
const period = 1000 / job.rate;
// The first WARM_UP_MS run on the same schedule but are not recorded: they pay for loading
// fetch's HTTP client, opening the sockets and compiling hot paths, on both sides.
const WARM_UP_MS = 3_000;
const start = performance.now() + 200 + WARM_UP_MS;
const end = start + job.seconds * 1000;
const pending: Promise<void>[] = [];
const perSecond: number[] = [];

async function send(body: string, due: number): Promise<void> {
  const recorded = due >= start;
  try {
    const res = await fetch(job.url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    if (!recorded) return;
    if (res.status < 200 || res.status >= 300) non2xx++;
    latencies.push(performance.now() - due);
    if (process.env.DEBUG_OPEN_LOOP) perSecond[Math.floor((due - start) / 1000)] = Math.max(perSecond[Math.floor((due - start) / 1000)] ?? 0, performance.now() - due);
  } catch (error) {
    if (!recorded) return;
    if ((error as Error).name === "TimeoutError") timeouts++;
    else errors++;
  }
}

for (let client = 0; client < job.clients; client++) {
  const body = job.bodies[client % job.bodies.length]!;
  let due = start - WARM_UP_MS + Math.random() * period;
  const tick = () => {
    if (due >= end) return;
    pending.push(send(body, due));
    due += period;
    setTimeout(tick, Math.max(0, due - performance.now()));
  };
  setTimeout(tick, Math.max(0, due - performance.now()));
}

await new Promise((r) => setTimeout(r, end - performance.now() + 50));
await Promise.all(pending);
latencies.sort((a, b) => a - b);
if (process.env.DEBUG_OPEN_LOOP) console.error(`max latency per second: ${perSecond.map((x) => x.toFixed(0)).join(" ")}`);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.log(JSON.stringify({ requests: latencies.length, seconds: job.seconds, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0, errors, timeouts, non2xx }));
