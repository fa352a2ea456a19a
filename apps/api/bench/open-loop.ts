/**
 * Open-loop load client for load.ts, run as its own process so it never shares the API's event
 * loop. Each of CLIENTS clients sends a request every 1/RATE s from its own random phase — not
 * waiting for its previous answer — and each latency counts from the moment the request was due,
 * so a slow server cannot hide its delay by slowing the clients down (coordinated omission).
 * autocannon's rate limit instead sends each connection's quota at the start of every second,
 * in lock-step across connections, and back-fills synthetic samples for every slow answer.
 *
 * Each client keeps its own connections alive, at most 6 like a browser tab: one shared pool would
 * keep opening and closing sockets, and time lost in connecting (SYN retries) is not the API's.
 *
 * Input: one JSON argument { url, bodies, clients, rate, seconds }. Output: one JSON line of stats.
 */
import { Agent, request } from "node:http";

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
// The first WARM_UP_MS run on the same schedule but are not recorded: they pay for opening the
// clients' sockets and compiling hot paths, on both sides.
const WARM_UP_MS = 3_000;
const start = performance.now() + 200 + WARM_UP_MS;
const end = start + job.seconds * 1000;
const pending: Promise<void>[] = [];
const perSecond: number[] = [];

/** POSTs `body` and resolves with the status once the whole answer has arrived. */
function post(agent: Agent, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(job.url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { name: "TimeoutError" })));
    req.on("error", reject);
    req.end(body);
  });
}

async function send(agent: Agent, body: string, due: number): Promise<void> {
  const recorded = due >= start;
  try {
    const status = await post(agent, body);
    if (!recorded) return;
    if (status < 200 || status >= 300) non2xx++;
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
  const agent = new Agent({ keepAlive: true, maxSockets: 6 });
  let due = start - WARM_UP_MS + Math.random() * period;
  const tick = () => {
    if (due >= end) return;
    pending.push(send(agent, body, due));
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
