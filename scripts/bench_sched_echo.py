"""The echo server of the jcoro-sched benchmark in CPython's asyncio: echoes every byte it reads, on loopback.
Prints "listening PORT" once it accepts connections. Usage: python3 scripts/bench_sched_echo.py PORT"""
import asyncio
import sys


async def handle(reader, writer):
    try:
        while data := await reader.read(16384):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096)
    print("listening", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main(int(sys.argv[1])))
