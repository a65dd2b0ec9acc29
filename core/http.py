from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets
    (settings.CLIENT_IP_HEADER). For X-Forwarded-For the last hop is taken: it is
    the one the trusted proxy appended, so a client cannot forge it."""
    header = settings.CLIENT_IP_HEADER
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        value = request.META.get(meta_key, "")
        hops = [hop.strip() for hop in value.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")
