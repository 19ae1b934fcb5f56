/**
 * A GET load client for the benchmarks, run as its own process so its CPU is not the server's
 * event loop: `node bench/get-client.ts BASE API_KEY PATH N CONCURRENCY`, where `{i}` in PATH is
 * the request number. Keep-alive sockets, one per request in flight. Prints
 * `{"lat": [ms…], "secs": s}`; any answer but 200 fails the run.
 */
import http from 'node:http';

const [base, key, template, nArg, concArg] = process.argv.slice(2);
if (!base || !key || !template) throw new Error('usage: get-client.ts BASE API_KEY PATH N CONCURRENCY');
const n = Number(nArg ?? 1000);
const concurrency = Number(concArg ?? 4);
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      { host: url.hostname, port: url.port, path, agent, headers: { 'x-api-key': key } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - t0)
            : reject(new Error(`${path} answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const lat: number[] = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      lat.push(await get(template.replaceAll('{i}', String(i))));
    }
  }),
);
agent.destroy();
process.stdout.write(JSON.stringify({ lat, secs: (performance.now() - started) / 1000 }));
