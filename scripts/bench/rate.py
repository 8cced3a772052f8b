#!/usr/bin/env python3
"""A bounded, constant-rate HTTP load generator: sends GET (or POST) requests at a fixed arrival
rate for a fixed time over keep-alive connections and reports the latency percentiles measured
from each request's scheduled start (so a stalled server's queueing shows up, unlike a closed loop).

    rate.py URL --rate 200 --seconds 30 [--header 'Authorization: Bearer …'] [--workers 32]
            [--method POST --body FILE --content-type application/json] [--urls FILE (one path per line, cycled)]
            [--timeout 10] [--grace 10]

Bounded: a request gets --timeout seconds; once --seconds + --grace have passed, the requests not yet
sent are dropped and counted as "unsent" (an overloaded server ends the run instead of stalling it),
and the exit status is 1 if any request failed or was not sent. Progress goes to stderr every 5 s.
"""
import argparse, http.client, json, queue, sys, threading, time, urllib.parse

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body")
    parser.add_argument("--content-type", default="application/json")
    parser.add_argument("--urls", help="file of paths, one per line, cycled")
    parser.add_argument("--timeout", type=float, default=10, help="seconds per request")
    parser.add_argument("--grace", type=float, default=10, help="seconds after --seconds before unsent requests are dropped")
    args = parser.parse_args()
    base = urllib.parse.urlsplit(args.url)
    paths = [base.path + (("?" + base.query) if base.query else "")]
    if args.urls:
        paths = [line.strip() for line in open(args.urls) if line.strip()]
    headers = dict(h.split(": ", 1) for h in args.header)
    body = open(args.body, "rb").read() if args.body else None
    if body is not None:
        headers["Content-Type"] = args.content_type
    total = int(args.rate * args.seconds)
    jobs = queue.Queue()
    results = []
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    cutoff = start + args.seconds + args.grace
    unsent = [0]

    def worker():
        connection = http.client.HTTPConnection(base.hostname, base.port, timeout=args.timeout)
        while True:
            item = jobs.get()
            if item is None:
                return
            index, scheduled = item
            if time.monotonic() > cutoff:
                with lock:
                    unsent[0] += 1
                continue
            delay = scheduled - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            try:
                connection.request(args.method, paths[index % len(paths)], body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except Exception:
                connection.close()
                connection = http.client.HTTPConnection(base.hostname, base.port, timeout=args.timeout)
                status = 0
            latency = time.monotonic() - scheduled
            with lock:
                results.append((status, latency))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    for index in range(total):
        jobs.put((index, start + index / args.rate))
    for _ in threads:
        jobs.put(None)
    while any(thread.is_alive() for thread in threads):
        for thread in threads:
            thread.join(timeout=5)
            if thread.is_alive():
                break
        with lock:
            done, dropped = len(results), unsent[0]
        print(f"rate.py: {time.monotonic() - start:.0f} s, {done} of {total} answered, {dropped} unsent", file=sys.stderr)
    elapsed = time.monotonic() - start
    if not results:
        print(json.dumps({"requests": 0, "unsent": unsent[0], "seconds": round(elapsed, 1)}))
        sys.exit(1)
    latencies = sorted(latency for _, latency in results)
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000
    print(json.dumps({"requests": len(results), "unsent": unsent[0], "seconds": round(elapsed, 1),
                      "achievedRate": round(len(results) / elapsed, 1), "statuses": statuses, "p50ms": round(percentile(50), 2), "p90ms": round(percentile(90), 2),
                      "p99ms": round(percentile(99), 2), "maxms": round(latencies[-1] * 1000, 2)}))
    failed = unsent[0] + sum(count for status, count in statuses.items() if not 200 <= status < 300)
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
