"""``cxalign serve``: arguments, links printing, QR codes, and the serving loop with its live table."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import signal
import socket
import ssl
from pathlib import Path

from cxalign.errors import InputError
from cxalign.i18n import tr
from cxalign.present.numbers import EMPTY
from cxalign.serve.links import FACILITATOR, load_tokens, reissue

AREA = "serve"


def add_parser(sub) -> None:
    """The ``serve`` sub-command (called by :func:`cxalign.cli.build_parser`)."""
    p = sub.add_parser(
        "serve", help="the workshop room: every participant answers in their own browser",
        epilog="example: cxalign serve loriane-maison --print-links",
    )
    p.add_argument("workshop", type=Path, help="a workshop folder, or the name of one in the workshops folder")
    p.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public-url", metavar="URL", help="the address people open, e.g. https://room.example (behind a TLS proxy)")
    p.add_argument("--print-links", action="store_true", help="print participant-id<TAB>name<TAB>url lines and exit")
    p.add_argument("--qr", metavar="ID", help="print one participant's link as a terminal QR code and exit")
    p.add_argument("--new-links", action="store_true", help="revoke and reissue the links (all, or --participant's)")
    p.add_argument("--participant", metavar="ID", help="with --new-links: only this participant")
    p.add_argument("--tls-cert", type=Path, metavar="FILE", help="serve HTTPS with this certificate (PEM)")
    p.add_argument("--tls-key", type=Path, metavar="FILE", help="the certificate's private key (PEM)")


def _t(key: str, lang: str, **fields: object) -> str:
    return tr(key, lang, AREA, **fields)


def _is_loopback(bind: str) -> bool:
    try:
        return ipaddress.ip_address(bind).is_loopback
    except ValueError:
        return bind == "localhost"


def _lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()


def base_url(args: argparse.Namespace) -> str:
    if args.public_url:
        return args.public_url.rstrip("/")
    scheme = "https" if args.tls_cert else "http"
    host = args.bind
    if host in ("0.0.0.0", "::", ""):
        host = _lan_address()
    if ":" in host:
        host = f"[{host}]"
    default_port = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + ("" if args.port == default_port else f":{args.port}")


def run(args: argparse.Namespace) -> int:
    from cxalign.store import WorkshopFolder

    folder = WorkshopFolder(args.workshop)
    workshop = folder.load()
    folder.questionnaire  # noqa: B018 - a workshop whose questionnaire was edited is refused here
    ids = [p.id for p in workshop.participants]
    lang = workshop.language
    if args.participant and not args.new_links:
        raise InputError("--participant goes with --new-links")
    if args.new_links:
        if args.participant and args.participant not in [*ids, FACILITATOR]:
            raise InputError(f"unknown participant {args.participant!r} (known: {', '.join(ids)})",
                             file=folder.workshop_file)
        reissue(folder.path, ids, only=args.participant)
    tokens = load_tokens(folder.path, ids)
    base = base_url(args)
    names = {p.id: p.name for p in workshop.participants} | {FACILITATOR: _t("term.facilitator", lang)}
    if args.print_links or (args.new_links and not args.qr):
        for pid in [*ids, FACILITATOR]:
            print(f"{pid}\t{_plain(names[pid])}\t{base}/{tokens[pid]}")
        return 0
    if args.qr:
        if args.qr not in tokens:
            raise InputError(f"unknown participant {args.qr!r} (known: {', '.join(ids)})", file=folder.workshop_file)
        import segno

        url = f"{base}/{tokens[args.qr]}"
        print(f"{_plain(names[args.qr])}: {url}")
        segno.make(url, error="m").terminal(compact=True)
        return 0
    if (args.tls_cert is None) != (args.tls_key is None):
        raise InputError("--tls-cert and --tls-key go together")
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        raise InputError("the workshop room needs the web extra: pip install 'cxalign[web]'") from None
    return asyncio.run(_serve(args, folder, base, names))


def _plain(text: str) -> str:
    """A name as plain text on one line (a tab or an escape sequence never reaches the terminal)."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


async def _serve(args: argparse.Namespace, folder, base: str, names: dict[str, str]) -> int:
    from aiohttp import web
    from rich.console import Console

    from cxalign.serve.server import Room

    room = Room(folder, public_url=args.public_url)
    lang = room.lang
    console = Console(highlight=False)
    ssl_context = None
    if args.tls_cert:
        ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        try:
            ssl_context.load_cert_chain(args.tls_cert, args.tls_key)
        except (OSError, ssl.SSLError) as exc:
            raise InputError(f"cannot load the TLS certificate or key: {exc}", file=args.tls_cert) from None
    if not _is_loopback(args.bind) and ssl_context is None and not (args.public_url or "").startswith("https://"):
        console.print(_t("term.lan_warning", lang, bind=args.bind), style="bold yellow", markup=False)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # before listening: no window without them
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(room.make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, args.bind, args.port, ssl_context=ssl_context)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise InputError(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}") from None
    console.print(_t("term.serving", lang, name=room.name, url=base), markup=False)
    console.print(_links_table(room, base, names, lang))
    try:
        await _live_table(room, console, stop, lang)
    finally:
        console.print(_t("term.stopping", lang), markup=False)
        await room.shutdown()
        await runner.cleanup()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.remove_signal_handler(signum)
    console.print(_t("term.stopped", lang), markup=False)
    return 0


def _links_table(room, base: str, names: dict[str, str], lang: str):
    from rich.table import Table
    from rich.text import Text

    links = {pid: f"{base}/{token}" for pid, token in room.tokens.items()}
    table = Table(title=_t("term.links", lang), title_justify="left")
    table.add_column(_t("fac.participant", lang))
    # a link is copied whole or not at all: never wrapped (ids are in --print-links)
    table.add_column("URL", no_wrap=True, min_width=max(map(len, links.values()), default=3))
    for pid, url in links.items():
        table.add_row(Text(names[pid]), Text(url))
    return table


def progress_table(room, lang: str):
    """The live table: state, questions answered, online now, last save — never an answer."""
    from rich.table import Table
    from rich.text import Text

    rows = room.rows()
    table = Table(title=room._summary(rows), title_justify="left")
    for key in ("fac.participant", "fac.role", "fac.state", "fac.answered", "fac.online", "fac.last_save"):
        table.add_column(_t(key, lang))
    styles = {"submitted": "bold green", "in_progress": "yellow", "not_started": "dim", "unreadable": "bold red"}
    for r in rows:
        table.add_row(Text(r.name), Text(r.role), Text(_t(f"fac.{r.state}", lang), style=styles[r.state]),
                      f"{r.answered}/{r.total}", _t("fac.yes" if r.online else "fac.no", lang),
                      (r.last_save or EMPTY).replace("T", " ").replace("+00:00", " UTC"))
    return table


async def _live_table(room, console, stop: asyncio.Event, lang: str) -> None:
    if not console.is_terminal:
        await stop.wait()
        return
    from rich.live import Live

    with Live(progress_table(room, lang), console=console, refresh_per_second=2, transient=False) as live:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass
            try:
                live.update(progress_table(room, lang))
            except InputError as exc:
                live.update(str(exc))
