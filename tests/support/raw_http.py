"""HTTP/1.1 over a raw socket, for requests no HTTP client would send: partly, slowly, never."""

from __future__ import annotations

import asyncio
import itertools

SAFETY_S = 60
"""How long a test waits for the server to act before failing (a net, not a measure)."""


async def answer_until_closed(port: int, sent: bytes, *, trickle: bytes = b"") -> bytes:
    """Sends `sent`, then `trickle` over and over, a byte every 0.1 s; what the server
    answered once it closed the connection (empty when it closed without an answer, or
    reset it while bytes were still arriving)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    dripping = asyncio.create_task(_drip(writer, sent, trickle))
    try:
        return await asyncio.wait_for(reader.read(), SAFETY_S)
    except ConnectionResetError:
        return b""
    finally:
        dripping.cancel()
        await asyncio.gather(dripping, return_exceptions=True)
        writer.close()


async def _drip(writer: asyncio.StreamWriter, sent: bytes, trickle: bytes) -> None:
    try:
        writer.write(sent)
        await writer.drain()
        for byte in itertools.cycle(trickle) if trickle else ():
            await asyncio.sleep(0.1)
            writer.write(bytes([byte]))
            await writer.drain()
    except ConnectionError:
        pass  # the server closed the connection: what the caller is waiting for


async def ask(port: int, path: str) -> tuple[int, asyncio.StreamWriter]:
    """`GET path` on a new keep-alive connection: the answer's status, and the connection
    (still open unless the server closed it), for the caller to close."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n".encode())
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), SAFETY_S)
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if line)
    await asyncio.wait_for(reader.readexactly(int(headers["content-length"])), SAFETY_S)
    return int(lines[0].split(" ")[1]), writer
