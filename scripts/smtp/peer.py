#!/usr/bin/env python3
"""An SMTP server on loopback for MailSync's SMTP client tests and the `make run` demo.

aiosmtpd (pinned in mk/smtp.mk) does the protocol; this script adds the behaviours the tests need:
STARTTLS or implicit TLS, AUTH PLAIN/LOGIN with one user, recipients answered 550 or 451, a SIZE
limit, PIPELINING advertised or not, EHLO refused (HELO fallback), and a sink directory.

The first line on stdout is the port it listens on (useful with --port 0).

    .venv/bin/python scripts/smtp/peer.py --sink .local/smtp-sink --port 2525

With --sink DIR every accepted message is written as DIR/<n>.eml (the bytes as received, dot
stuffing removed) beside DIR/<n>.json: {"sender", "recipients", "mail_options", "tls", "user"}.
"""

import argparse
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, options):
        self.options = options
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.options.refuse_ehlo:
            return ["502 5.5.1 EHLO not supported, use HELO"]
        session.host_name = hostname
        if self.options.pipelining:
            responses.insert(-1, "250-PIPELINING")
        responses.insert(-1, "250-ENHANCEDSTATUSCODES")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.options.reject:
            return "550 5.1.1 Mailbox unavailable"
        if address.lower() in self.options.defer:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        summary = {
            "sender": envelope.mail_from,
            "recipients": envelope.rcpt_tos,
            "mail_options": envelope.mail_options,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "user": session.auth_data.login.decode() if session.authenticated else None,
        }
        if self.options.sink:
            base = os.path.join(self.options.sink, str(self.count))
            # The JSON lands first and the message last (renamed into place), so a reader that
            # sees n.eml also finds n.json.
            with open(base + ".json", "w") as sidecar:
                json.dump(summary, sidecar)
            with open(base + ".eml.partial", "wb") as message:
                message.write(envelope.original_content)
            os.replace(base + ".eml.partial", base + ".eml")
        print(f"message {self.count}: {len(envelope.original_content)} bytes", file=sys.stderr, flush=True)
        return f"250 2.0.0 OK: queued as {self.count}"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


def tls_context(options):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(options.tls_cert, options.tls_key)
    return context


async def serve(options):
    handler = Handler(options)
    context = tls_context(options) if options.tls_cert else None
    arguments = {
        "data_size_limit": options.size_limit,
        "hostname": "peer.test",
        "timeout": 60,
        "auth_require_tls": not options.auth_over_plaintext,
        "auth_required": options.auth_user is not None,
        "auth_exclude_mechanism": options.exclude_auth,
    }
    if options.auth_user is not None:
        arguments["authenticator"] = authenticator(options.auth_user, options.auth_password)
    if context and not options.implicit_tls:
        arguments["tls_context"] = context
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **arguments),
        host=options.host,
        port=options.port,
        ssl=context if options.implicit_tls else None,
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--sink", help="write each message as DIR/<n>.eml + DIR/<n>.json")
    parser.add_argument("--tls-cert", help="server certificate (PEM); offers STARTTLS")
    parser.add_argument("--tls-key", help="the certificate's private key (PEM)")
    parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte instead of STARTTLS")
    parser.add_argument("--auth-user", help="require AUTH as this user")
    parser.add_argument("--auth-password", default="")
    parser.add_argument("--auth-over-plaintext", action="store_true", help="offer AUTH without TLS")
    parser.add_argument("--exclude-auth", action="append", default=[], help="hide a mechanism (PLAIN, LOGIN)")
    parser.add_argument("--reject", action="append", default=[], help="answer 550 to RCPT TO this address")
    parser.add_argument("--defer", action="append", default=[], help="answer 451 to RCPT TO this address")
    parser.add_argument("--size-limit", type=int, default=33554432, help="advertised SIZE, enforced (0: none)")
    parser.add_argument("--pipelining", action="store_true", help="advertise PIPELINING")
    parser.add_argument("--refuse-ehlo", action="store_true", help="answer 502 to EHLO")
    options = parser.parse_args(argv)
    if bool(options.tls_cert) != bool(options.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if options.implicit_tls and not options.tls_cert:
        parser.error("--implicit-tls needs --tls-cert and --tls-key")
    options.reject = {address.lower() for address in options.reject}
    options.defer = {address.lower() for address in options.defer}
    options.size_limit = options.size_limit or None
    if options.sink:
        os.makedirs(options.sink, exist_ok=True)
    return options


if __name__ == "__main__":
    try:
        asyncio.run(serve(parse(sys.argv[1:])))
    except KeyboardInterrupt:
        pass
