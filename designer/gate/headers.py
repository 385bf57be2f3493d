"""The security headers on every answer the designer sends, and small ASGI answers of the
gate's own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.types import Message, Send

from designer.gate.identity import header

# Streamlit's page runs scripts it adds to the page itself (st.html with the designer's
# own guard script, components in frames of the same origin): inline scripts and styles
# stay allowed, everything else comes from the designer's own address. Nothing may put the
# designer in a frame of another site, and no form or link leaks the address elsewhere.
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' data: blob:",
        "connect-src 'self'",
        "frame-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    )
)
HEADERS = {
    b"content-security-policy": POLICY.encode(),
    b"x-frame-options": b"SAMEORIGIN",
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=(), payment=()",
    b"cross-origin-opener-policy": b"same-origin",
}
HSTS = (b"strict-transport-security", b"max-age=31536000")


def secured(send: Send, scope: Mapping[str, Any]) -> Send:
    """`send` with the security headers added to the start of the answer; over HTTPS (or
    behind a proxy that says it received HTTPS) also HSTS."""
    over_tls = scope.get("scheme") == "https" or (
        header(scope.get("headers", []), b"x-forwarded-proto") == "https"
    )

    async def send_secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in HEADERS.items() if name not in present]
            if over_tls:
                extra.append(HSTS)
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return send_secured


async def respond(
    send: Send,
    status: int,
    body: bytes,
    content_type: str = "text/plain; charset=utf-8",
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """A whole answer in one go; never cached (it depends on who asks)."""
    start = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        *(headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": body})


def cookie(name: str, value: str, max_age: int) -> tuple[bytes, bytes]:
    """A Set-Cookie header for the gate's own cookies (never read by scripts)."""
    text = f"{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"
    return b"set-cookie", text.encode("latin-1")
