#!/usr/bin/env python3
"""Serve N fake Linkerd 1 admin servers on 127.0.0.1 (one port each) for the status benchmark.

Every server answers /admin/metrics.json (any query) with the same metrics tree, /admin/server_info
with a version, /admin/ping with pong; everything else 404. Writes proxies.txt (one host:port a
line, for `mesh status --proxies-file`) and curl.cfg (a curl config fetching every metrics URL) into
the output directory, then touches `ready` and serves until killed.
"""
import argparse
import asyncio
import json
import os
import resource


def compact(path):
    with open(path, "rb") as f:
        return json.dumps(json.load(f), separators=(",", ":")).encode()


def response(status, body, content_type):
    reason = {200: "OK", 404: "Not Found"}[status]
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--metrics", required=True, help="metrics.json?tree=1 body to serve")
    ap.add_argument("--out", required=True, help="directory for proxies.txt, curl.cfg and ready")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    metrics = response(200, compact(args.metrics), "application/json")
    info = response(200, json.dumps({"name": "linkerd", "version": "1.7.5"}).encode(), "application/json")
    pong = response(200, b"pong", "text/plain")
    missing = response(404, b"", "text/plain")

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                if path.startswith(b"/admin/metrics.json"):
                    writer.write(metrics)
                elif path.startswith(b"/admin/server_info"):
                    writer.write(info)
                elif path.startswith(b"/admin/ping"):
                    writer.write(pong)
                else:
                    writer.write(missing)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    servers = []
    for _ in range(args.count):
        servers.append(await asyncio.start_server(handle, "127.0.0.1", 0, backlog=64))
    ports = [s.sockets[0].getsockname()[1] for s in servers]
    with open(os.path.join(args.out, "proxies.txt"), "w") as f:
        f.writelines(f"127.0.0.1:{p}\n" for p in ports)
    with open(os.path.join(args.out, "curl.cfg"), "w") as f:
        for p in ports:
            f.write(f'url = "http://127.0.0.1:{p}/admin/metrics.json?tree=1"\noutput = "/dev/null"\n')
    open(os.path.join(args.out, "ready"), "w").close()
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    asyncio.run(main())
