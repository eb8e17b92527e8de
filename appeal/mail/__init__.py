"""Letters as email: messages built from the rendered files, and their sending.

:mod:`.message` builds an RFC 5322 message of a letter; :mod:`.eml` is the
``eml`` output format made of it; :mod:`.settings` reads the mail server's
settings; :mod:`.log` is the send log that makes a rerun send only what was
not sent; :mod:`.sending` sends messages through a transport, SMTP or one of
the caller's own.
"""
