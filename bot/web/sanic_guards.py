"""Malformed HTTP gets a 4xx from every Sanic process (web app, Rasa, action server), never a
dropped connection or a logged traceback.

Sanic 21.12 reads the request line with `surrogateescape` and then encodes it back with plain
UTF-8, so a request target that is not UTF-8 (raw bytes, e.g. `GET /\\xff`) raises
UnicodeEncodeError while building the request — and again while building the error response — so
the connection is dropped: nginx sees a failed upstream (502, and may mark a healthy server down)
and the log gets a traceback per request. RFC 9112 §3.2 allows only ASCII in a request target;
such a request is answered 400 here. Applied by `python -m bot.web`, bot.runtime.rasa_server and
bot.runtime.action_server.
"""
from __future__ import annotations


def unknown_transfer_coding(head: bytes) -> bool:
    """True if the raw request head has a Transfer-Encoding other than plain `chunked`."""
    for line in head.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"transfer-encoding" and value.strip().lower() != b"chunked":
            return True
    return False


def apply() -> None:
    from sanic.exceptions import InvalidUsage, SanicException
    from sanic.http import Http

    class NotImplementedCoding(SanicException):
        status_code = 501                       # RFC 9112 §6.1: a transfer coding we don't know
        message = "Transfer coding not implemented"
        quiet = True                            # the client's fault: no traceback in the log

    if Http.error_response.__module__ == __name__:   # already ours: apply() ran before
        return
    # error_response is not one of the methods Sanic recompiles at start-up (Http.__touchup__),
    # so it can be wrapped like any method.
    original = Http.error_response

    async def error_response(self, exception: Exception) -> None:
        if isinstance(exception, UnicodeError):
            self.url = "/"                      # what the error response is built with
            exception = InvalidUsage("Bad Request")
        elif self.request is None and not isinstance(exception, SanicException):
            # Failed while reading the head, before any handler ran: the request is malformed.
            exception = (NotImplementedCoding() if unknown_transfer_coding(bytes(self.recv_buffer))
                         else InvalidUsage("Bad Request"))
        await original(self, exception)

    Http.error_response = error_response  # type: ignore[method-assign]  # a patch of Sanic's method
