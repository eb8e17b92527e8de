"""Letters as email: messages built from the rendered files, and their sending.

:mod:`.message` builds an RFC 5322 message; :mod:`.eml` is the ``eml`` output
format, a letter's message made from its other files; :mod:`.settings` reads
the mail server's settings; :mod:`.transport` hands a message to a server
(SMTP, or a transport of the caller's own); :mod:`.log` is the send log that
makes a rerun send only what was not sent; :mod:`.sending` sends a folder's
messages with it; :mod:`.api` holds what the package exports.
"""
